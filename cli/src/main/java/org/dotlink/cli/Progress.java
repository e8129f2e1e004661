package org.dotlink.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress line on stderr while a long run reads its inputs: records so far, rate, files and
 * problems. Shown only when stderr is a terminal (never in pipes, files or tests) and not with --quiet.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A progress line when the console is interactive and the user did not ask for quiet; else a no-op. */
    static Progress start(String task, boolean quiet) {
        if (quiet || !stderrIsTerminal()) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(-1) // the number of records is not known in advance
                .setUnit(" records", 1)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .setMaxRenderedLength(100)
                .setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate()
                .clearDisplayOnFinish()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .build();
        return new Progress(bar);
    }

    /**
     * Whether stderr is a terminal. {@code System.console()} answers for stdin and stdout, which are
     * often redirected while stderr is still the user's screen; on Linux /proc tells about stderr itself.
     */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    void records(long n, int files, int problems) {
        if (bar != null) {
            bar.stepBy(n);
            bar.setExtraMessage(" " + files + " files, " + problems + " problems");
        }
    }

    void records(long n, int files, int problems, long findings) {
        if (bar != null) {
            bar.stepBy(n);
            bar.setExtraMessage(String.format(" %d files, %,d findings, %d problems", files, findings, problems));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
