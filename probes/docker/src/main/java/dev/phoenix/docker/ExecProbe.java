package dev.phoenix.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.phoenix.model.Fact;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command in a container and turns its exit code and output into facts. The call
 * runs on the worker pool and waits at most {@code timeout} for the command to finish; on
 * timeout the stream is closed and the observation fails (the process itself may linger in
 * the container: the Engine API cannot kill an exec).
 */
final class ExecProbe implements Probe {

    private static final int TEXT_LIMIT = 4096;

    record Options(String name, List<String> command, Duration timeout, String user, boolean text, int maxOutput) {
    }

    private final Options options;
    private final ProviderContext ctx;
    private final String probeName;
    private final String prefix;

    ExecProbe(Options options, ProviderContext ctx) {
        this.options = options;
        this.ctx = ctx;
        this.probeName = "exec:" + options.name();
        this.prefix = "exec." + options.name() + ".";
    }

    @Override
    public String name() {
        return probeName;
    }

    /** What one run printed and how it ended. */
    record Result(long exit, byte[] stdout, byte[] stderr) {
    }

    /** The command's own timeout, plus time to create the exec and read its exit code. */
    @Override
    public Optional<Duration> deadline() {
        return Optional.of(options.timeout().plus(Duration.ofSeconds(5)));
    }

    @Override
    public Future<Observation> observe(Member member) {
        String what = "exec " + String.join(" ", options.command()) + " in " + ContainerProbeSupport.label(member);
        return ContainerProbeSupport.observe(ctx, probeName, member, engine -> engine
                .call(what, c -> run(c, member.id(), what))
                .map(this::toObservation));
    }

    private Result run(DockerClient client, String container, String what) throws InterruptedException {
        ExecCreateCmd create = client.execCreateCmd(container)
                .withCmd(options.command().toArray(String[]::new))
                .withAttachStdout(true)
                .withAttachStderr(true);
        if (!options.user().isEmpty()) {
            create.withUser(options.user());
        }
        String execId = create.exec().getId();
        Collector collector = new Collector(options.maxOutput());
        try (Collector cb = client.execStartCmd(execId).exec(collector)) {
            if (!cb.awaitCompletion(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ExecFailure(what + ": no result within " + options.timeout().toMillis() + " ms");
            }
        } catch (java.io.IOException e) {
            // closing the stream; the result is complete
        }
        if (collector.overflow) {
            throw new ExecFailure(what + ": printed more than " + options.maxOutput() + " bytes (raise max-output)");
        }
        Long exit = null;
        for (int i = 0; i < 100 && exit == null; i++) {
            var inspect = client.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(inspect.isRunning())) {
                exit = inspect.getExitCodeLong();
            } else {
                Thread.sleep(10); // on a worker thread: the stream ended, the engine is recording the exit code
            }
        }
        if (exit == null) {
            throw new ExecFailure(what + ": the engine reported no exit code");
        }
        if (exit == 126 || exit == 127) {
            String err = new String(collector.stderr.toByteArray(), StandardCharsets.UTF_8).strip();
            if (err.isEmpty()) {
                err = new String(collector.stdout.toByteArray(), StandardCharsets.UTF_8).strip();
            }
            throw new ExecFailure(what + ": cannot run the command (exit " + exit + (err.isEmpty() ? "" : ": " + Errors.firstLine(err)) + ")");
        }
        return new Result(exit, collector.stdout.toByteArray(), collector.stderr.toByteArray());
    }

    private Observation toObservation(Result r) {
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.of(prefix + "exit", String.valueOf(r.exit())));
        if (options.text()) {
            String out = new String(r.stdout(), StandardCharsets.UTF_8).strip();
            facts.add(Fact.of(prefix + "stdout", out.length() > TEXT_LIMIT ? out.substring(0, TEXT_LIMIT) + "…" : out));
        }
        facts.add(Fact.of(prefix + "stdout.sha256", Fingerprint.sha256Hex(r.stdout())));
        if (r.stderr().length > 0) {
            facts.add(Fact.of(prefix + "stderr.sha256", Fingerprint.sha256Hex(r.stderr())));
        }
        return Observation.ok(probeName, facts);
    }

    /** Collects stdout and stderr frames up to a limit. */
    private static final class Collector extends ResultCallback.Adapter<Frame> {
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final int max;
        volatile boolean overflow;

        Collector(int max) {
            this.max = max;
        }

        @Override
        public void onNext(Frame frame) {
            ByteArrayOutputStream target = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
            synchronized (this) {
                if (stdout.size() + stderr.size() + frame.getPayload().length > max) {
                    overflow = true;
                    try {
                        close();
                    } catch (java.io.IOException e) {
                        // the stream is being abandoned anyway
                    }
                    return;
                }
                target.writeBytes(frame.getPayload());
            }
        }
    }

    /** A run that produced no usable result; its message is the observation's cause. */
    static final class ExecFailure extends DockerEngine.DockerCallException {
        private static final long serialVersionUID = 1L;

        ExecFailure(String message) {
            super(message, false, null);
        }
    }
}
