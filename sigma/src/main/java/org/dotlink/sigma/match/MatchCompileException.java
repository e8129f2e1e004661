package org.dotlink.sigma.match;

/**
 * A detection item that cannot be compiled: an unknown modifier, a modifier combination that has no
 * meaning, a value of the wrong type, an invalid regular expression or CIDR, or a placeholder without
 * values. The message names the item ({@code field|modifiers}) and what is wrong with it.
 */
public final class MatchCompileException extends RuntimeException {

    public MatchCompileException(String message) {
        super(message);
    }

    public MatchCompileException(String message, Throwable cause) {
        super(message, cause);
    }
}
