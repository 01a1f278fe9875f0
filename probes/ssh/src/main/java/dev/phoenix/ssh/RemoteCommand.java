package dev.phoenix.ssh;

import dev.phoenix.spi.Errors;
import dev.phoenix.ssh.collect.CommandResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;

/**
 * Runs one command on an open session, in an exec channel of its own, with MINA's asynchronous
 * API: nothing blocks. The channel is closed when the command has not finished within
 * {@code timeout} or prints more than {@code maxOutput} bytes; either fails the future with a
 * {@link CommandFailure} saying so. The future completes on the caller's Vert.x context.
 *
 * <pre>{@code
 * RemoteCommand.run(vertxContext, session, "cat /etc/os-release", Duration.ofSeconds(30), 1 << 20)
 *     .onSuccess(r -> LOG.info("exit {}: {}", r.exit(), r.out()));
 * }</pre>
 */
final class RemoteCommand {

    /** How much of standard error is kept for the message of a failed command. */
    static final int MAX_STDERR = 16 * 1024;

    private RemoteCommand() {
    }

    /** A command that gave no usable result: timed out, printed too much, or the channel failed. */
    static final class CommandFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CommandFailure(String message) {
            super(message, null, false, false);
        }
    }

    static Future<CommandResult> run(Context context, ClientSession session, String command, Duration timeout, int maxOutput) {
        Promise<CommandResult> promise = Promise.promise();
        AtomicReference<String> cut = new AtomicReference<>();
        ChannelExec channel;
        try {
            channel = session.createExecChannel(command);
        } catch (IOException | RuntimeException e) {
            return Future.failedFuture(new CommandFailure("cannot open a channel: " + Errors.message(e)));
        }
        CappedOutput out = new CappedOutput(maxOutput, () -> {
            cut.compareAndSet(null, "printed more than " + maxOutput + " bytes; cut (raise max-output)");
            channel.close(true);
        });
        CappedOutput err = new CappedOutput(MAX_STDERR, null);
        channel.setOut(out);
        channel.setErr(err);
        long timer = context.owner().setTimer(Math.max(1, timeout.toMillis()), id -> {
            if (cut.compareAndSet(null, "no result within " + timeout.toMillis() + " ms")) {
                channel.close(true);
            }
        });
        channel.addCloseFutureListener(closed -> context.runOnContext(v -> {
            context.owner().cancelTimer(timer);
            Integer exit = channel.getExitStatus();
            if (cut.get() != null) {
                promise.tryFail(new CommandFailure(cut.get()));
            } else if (exit == null) {
                String signal = channel.getExitSignal();
                promise.tryFail(new CommandFailure(signal != null ? "killed by signal " + signal
                        : "the channel closed without an exit status" + (session.isOpen() ? "" : " (the connection was lost)")));
            } else {
                promise.tryComplete(new CommandResult(exit, out.bytes(), err.bytes()));
            }
        }));
        try {
            channel.open().addListener(opened -> {
                if (!opened.isOpened()) {
                    Throwable e = opened.getException();
                    context.runOnContext(v -> {
                        context.owner().cancelTimer(timer);
                        promise.tryFail(new CommandFailure("the host refused a channel: "
                                + (e == null ? "no reason given" : Errors.message(e))));
                    });
                    channel.close(true);
                }
            });
        } catch (IOException | RuntimeException e) {
            context.owner().cancelTimer(timer);
            channel.close(true);
            promise.tryFail(new CommandFailure("cannot open a channel: " + Errors.message(e)));
        }
        return promise.future();
    }
}
