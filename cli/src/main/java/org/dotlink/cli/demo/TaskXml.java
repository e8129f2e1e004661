package org.dotlink.cli.demo;

/** The task definition XML that Security event 4698 carries ({@code TaskContent}). */
final class TaskXml {

    private TaskXml() {}

    /**
     * A task with one calendar trigger and one command.
     *
     * @param userId the principal's SID ({@code S-1-5-18} for SYSTEM)
     */
    static String of(String uri, String author, String date, String start, String trigger, String userId,
                     String command, String arguments) {
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n"
                + "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\r\n"
                + "  <RegistrationInfo>\r\n    <Date>" + date + "</Date>\r\n    <Author>" + escape(author)
                + "</Author>\r\n    <URI>" + escape(uri) + "</URI>\r\n  </RegistrationInfo>\r\n"
                + "  <Triggers>\r\n    <CalendarTrigger>\r\n      <StartBoundary>" + start + "</StartBoundary>\r\n"
                + "      <Enabled>true</Enabled>\r\n      " + trigger + "\r\n    </CalendarTrigger>\r\n  </Triggers>\r\n"
                + "  <Principals>\r\n    <Principal id=\"Author\">\r\n      <UserId>" + userId + "</UserId>\r\n"
                + "      <RunLevel>LeastPrivilege</RunLevel>\r\n    </Principal>\r\n  </Principals>\r\n"
                + "  <Settings>\r\n    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\r\n"
                + "    <DisallowStartIfOnBatteries>true</DisallowStartIfOnBatteries>\r\n"
                + "    <StopIfGoingOnBatteries>true</StopIfGoingOnBatteries>\r\n"
                + "    <AllowHardTerminate>true</AllowHardTerminate>\r\n    <StartWhenAvailable>false</StartWhenAvailable>\r\n"
                + "    <Enabled>true</Enabled>\r\n    <ExecutionTimeLimit>P3D</ExecutionTimeLimit>\r\n"
                + "    <Priority>7</Priority>\r\n  </Settings>\r\n"
                + "  <Actions Context=\"Author\">\r\n    <Exec>\r\n      <Command>" + escape(command) + "</Command>\r\n"
                + "      <Arguments>" + escape(arguments) + "</Arguments>\r\n    </Exec>\r\n  </Actions>\r\n</Task>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
