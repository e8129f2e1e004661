package org.dotlink.web;

/** A request the server answers with an error status and a short message, without running its handler. */
final class Refused extends RuntimeException {

    private final int status;

    Refused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
