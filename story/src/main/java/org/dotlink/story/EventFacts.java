package org.dotlink.story;

/**
 * What one event says about the entities a story can be built through: which process acted (and its
 * parent), in which logon session, as which user, which file it wrote, which host reached which. Only
 * events that say something get facts ({@link FactExtractor#of}); everything here is normalized
 * (host keys, lower-case paths), and absent parts are null.
 *
 * @param host        the normalized host the event was logged on
 * @param time        epoch milliseconds, or {@link Long#MIN_VALUE} when unknown
 * @param process     the acting process ({@code host|guid} or {@code host|pid:N}; for a PowerShell record without
 *                    a process id, the PowerShell host instance {@code host|pshost:id}), or null
 * @param parent      its parent process, when the event says (a process start)
 * @param image       the acting process's file name, lower case ({@code cmd.exe})
 * @param parentImage the parent's file name, lower case
 * @param started     true when the event is the start of {@code process}
 * @param logon       the logon session ({@code host|0x3e7}), or null
 * @param user        the account ({@code CORP\alice} as logged, lower case), or null
 * @param fileWritten a file the process wrote ({@code host|c:\path\x.exe}, lower case), or null
 * @param imagePath   the full path of the started image, or of a module the process loaded when {@code started}
 *                    is false ({@code host|c:\...}, lower case), to meet files written
 * @param hash        an image hash (SHA256 or the first one logged), or null
 * @param remoteFrom  for an inbound logon or access: the source as logged (address or name), or null
 * @param remoteTo    for an outbound access (explicit credentials, a remote command): the target, or null
 * @param webClient   for a web request: the client address; non-null marks a web request
 * @param localAddress an address of this host (a connection's source), to resolve sources to hosts
 * @param service     a service's executable file name: installed (System 7045, Security 4697), created or changed
 *                    by a command line ({@code sc config x binpath= ...}), or started by services.exe
 * @param pidAlias    for a record naming {@code process} by GUID and by id (a Sysmon process start, a process
 *                    access or remote thread's source), its {@code host|pid:N} key (records that name only the
 *                    process id, such as PowerShell's or Security's object access, then meet the GUID)
 * @param task        a scheduled task the event names (created, changed, run or deleted; its registry keys; a
 *                    {@code schtasks /tn} command line), lower case without the leading backslash, or null
 * @param pointedAt   an executable a registry value the process set points at (a Run key, a service's
 *                    ImagePath), as {@code host|c:\path\x.exe}, lower case; or null
 * @param injected    a process the acting process created a thread in ({@code host|guid}), or null
 * @param wmiConsumer the program that runs a WMI event consumer: for a subscription that binds a script consumer
 *                    (Sysmon 20, 21), or for any record of that program ({@code scrcons.exe}); null otherwise
 */
public record EventFacts(String host, long time, String process, String parent, String image, String parentImage,
                         boolean started, String logon, String user, String fileWritten, String imagePath, String hash,
                         String remoteFrom, String remoteTo, String webClient, String localAddress,
                         String service, String pidAlias, String task, String pointedAt,
                         String injected, String wmiConsumer) {
}
