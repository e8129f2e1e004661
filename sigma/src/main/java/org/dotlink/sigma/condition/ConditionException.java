package org.dotlink.sigma.condition;

/** A condition that cannot be parsed or resolved; the message says where and what was expected. */
public final class ConditionException extends RuntimeException {

    public ConditionException(String message) {
        super(message);
    }
}
