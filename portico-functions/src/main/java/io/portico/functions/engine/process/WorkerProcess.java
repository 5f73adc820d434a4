package io.portico.functions.engine.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running worker process: started in the function's code directory with exactly the given variables
 * (none inherited), stdin at end of file, stdout and stderr appended to one output file. Thread safe.
 */
final class WorkerProcess {
    /**
     * How the JDK reports a failed exec: {@code ... error=13, Permission denied} (JDK 21) or
     * {@code ... Exec failed, error: 13 (Permission denied)} (JDK 25).
     */
    private static final Pattern EXEC_ERROR = Pattern.compile("error(?:=\\d+, (.+?)|: \\d+ \\((.+?)\\))\\s*$");

    private final Process process;

    private WorkerProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code command}; fails with the JDK's exec error (see {@link #execFailure}). */
    static WorkerProcess start(WorkerCommand command, Path directory, Map<String, String> variables, Path output)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().clear();
        builder.environment().putAll(variables);
        Process process = builder.start();
        process.getOutputStream().close(); // Lambda's runtimes read nothing from stdin
        return new WorkerProcess(process);
    }

    /**
     * Lambda's (Go's) wording of an exec failure, {@code fork/exec <program>: permission denied}, from
     * the JDK's {@code Cannot run program "...": error=13, Permission denied}.
     */
    static String execFailure(String program, IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher matcher = EXEC_ERROR.matcher(message);
        String reason = !matcher.find() ? message : matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        if (!reason.isEmpty()) {
            reason = reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
        }
        return "fork/exec " + new File(program).getPath() + ": " + reason;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit status once the process has ended (128 + n when killed by signal n). */
    CompletableFuture<Integer> exited() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Kills the process and every process it started (a bootstrap script's {@code curl}, a runtime's
     * helpers), as Lambda discards a sandbox. The descendants are listed first: once the process is
     * gone, its children no longer count as its descendants.
     */
    void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
