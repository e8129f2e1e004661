package org.dotlink.sigma.compile;

/** A rule that loaded but cannot be compiled; the message names its file and says why. */
public final class RuleCompileException extends RuntimeException {

    public RuleCompileException(String message, Throwable cause) {
        super(message, cause);
    }
}
