package dev.phoenix.aws;

import dev.phoenix.model.Fact;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.spi.Poll;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;

/**
 * {@code ssm-command}: runs a shell command on the instance through SSM Run Command
 * ({@code SendCommand} with {@code AWS-RunShellScript}), polls {@code GetCommandInvocation} with
 * backoff until it finishes, and fingerprints what it printed. No connection is made to the
 * instance itself: the SSM agent on it fetches the command.
 *
 * <p>Facts: {@code ssm.<name>.status}, {@code ssm.<name>.exitCode} and
 * {@code ssm.<name>.stdout.sha256} (or {@code ssm.<name>.stdout} with {@code stdout: text});
 * the command id is an identity fact. SSM returns at most 24,000 characters of output.
 */
final class SsmCommandProbe implements Probe {

    static final String NAME = "ssm-command";
    private static final Set<CommandInvocationStatus> RUNNING = Set.of(CommandInvocationStatus.PENDING,
            CommandInvocationStatus.IN_PROGRESS, CommandInvocationStatus.DELAYED);
    /** Longest wait between two polls of the command's status. */
    private static final Duration MAX_POLL = Duration.ofSeconds(5);

    /**
     * @param name     the instance name of the probe; facts are {@code ssm.<name>.*}
     * @param commands the script's lines
     * @param document the SSM document, {@code AWS-RunShellScript} by default
     * @param timeout  how long to wait for the command to finish
     * @param poll     first wait between two polls (doubles up to 5 s)
     * @param text     keep stdout itself as a fact instead of its digest
     */
    record Options(String name, List<String> commands, String document, Duration timeout, Duration poll, boolean text) {
        Options {
            commands = List.copyOf(commands);
        }
    }

    private final Options options;
    private final AwsSettings settings;
    private final ProviderContext ctx;
    private final String probeName;
    private final String prefix;

    SsmCommandProbe(Options options, AwsSettings settings, ProviderContext ctx) {
        this.options = options;
        this.settings = settings;
        this.ctx = ctx;
        this.probeName = NAME + ":" + options.name();
        this.prefix = "ssm." + options.name() + ".";
    }

    @Override
    public String name() {
        return probeName;
    }

    /** The command's own timeout, plus time to send it and to ask for its result once more. */
    @Override
    public Optional<Duration> deadline() {
        return Optional.of(options.timeout().plus(MAX_POLL).plus(Duration.ofSeconds(5)));
    }

    @Override
    public Future<Observation> observe(Member member) {
        AwsClients clients = AwsClients.shared(ctx, settings, AwsAccounts.shared(ctx, settings)
                .targetOf(settings.multiAccount() ? member.attribute("account") : null, member.attribute("region")));
        long deadline = ctx.clock().millis() + options.timeout().toMillis();
        return clients.call(c -> c.ssm().sendCommand(r -> r
                        .instanceIds(member.id())
                        .documentName(options.document())
                        .parameters(Map.of("commands", options.commands()))
                        .timeoutSeconds((int) Math.max(30, options.timeout().toSeconds()))
                        .comment("phoenix " + probeName)))
                .recover(e -> Future.failedFuture(new IllegalStateException("SendCommand to " + member.id() + ": " + AwsErrors.describe(e))))
                .compose(sent -> poll(clients, sent.command().commandId(), member.id(), deadline))
                .map(this::toObservation)
                .otherwise(e -> Observation.failed(probeName, e.getMessage()));
    }

    private Future<GetCommandInvocationResponse> poll(AwsClients clients, String commandId, String instanceId, long deadline) {
        return Poll.until(ctx, deadline, options.poll(), MAX_POLL, () -> clients
                        .call(c -> c.ssm().getCommandInvocation(r -> r.commandId(commandId).instanceId(instanceId)))
                        .transform(ar -> {
                            if (ar.failed()) {
                                if (AwsErrors.notFound(ar.cause(), "InvocationDoesNotExist")) {
                                    return Future.succeededFuture(Poll.<GetCommandInvocationResponse>pending("not registered yet"));
                                }
                                return Future.failedFuture(new IllegalStateException("GetCommandInvocation " + commandId + " on "
                                        + instanceId + ": " + AwsErrors.describe(ar.cause())));
                            }
                            GetCommandInvocationResponse resp = ar.result();
                            return Future.succeededFuture(RUNNING.contains(resp.status())
                                    ? Poll.<GetCommandInvocationResponse>pending(resp.statusAsString()) : Poll.done(resp));
                        }))
                .recover(Poll.expired(last -> "command " + commandId + " on " + instanceId + " did not finish within "
                        + options.timeout() + " (" + last + ")"));
    }

    private Observation toObservation(GetCommandInvocationResponse resp) {
        CommandInvocationStatus status = resp.status();
        if (status != CommandInvocationStatus.SUCCESS && status != CommandInvocationStatus.FAILED) {
            return Observation.failed(probeName, "command " + resp.commandId() + " on " + resp.instanceId() + " ended "
                    + resp.statusAsString() + (resp.statusDetails() == null ? "" : " (" + resp.statusDetails() + ")"));
        }
        String stdout = resp.standardOutputContent() == null ? "" : resp.standardOutputContent();
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.identity(prefix + "commandId", resp.commandId()));
        facts.add(Fact.of(prefix + "status", resp.statusAsString()));
        facts.add(Fact.of(prefix + "exitCode", String.valueOf(resp.responseCode())));
        facts.add(options.text() ? Fact.of(prefix + "stdout", stdout) : Fact.of(prefix + "stdout.sha256", Fingerprint.sha256Hex(stdout)));
        return Observation.ok(probeName, facts);
    }
}
