package org.dotlink.cli.demo;

/**
 * One request in an Exchange server's IIS log. Values are as IIS logs them: {@code +} for spaces,
 * null where IIS writes {@code -}.
 *
 * @param requestId the {@code cafeReqId} Exchange's front end adds to every request's query, which
 *                  identifies the line
 * @param label     what the generator knows about it, or null for ordinary traffic
 */
record WebRequest(long time, Host server, String method, String uriStem, String query, int port, String username,
                  String clientIp, String userAgent, String referer, String cookie, int status, int substatus,
                  long win32Status, int timeTaken, String requestId, Label label) {
}
