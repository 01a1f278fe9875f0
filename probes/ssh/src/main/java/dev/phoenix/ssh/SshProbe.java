package dev.phoenix.ssh;

import dev.phoenix.model.Fact;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.InFlightLimiter;
import dev.phoenix.probe.Probe;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.ssh.collect.Collector;
import dev.phoenix.ssh.collect.CollectorException;
import dev.phoenix.store.ObjectStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;

/**
 * Observes one host over its shared SSH session ({@link SshSessions}): every collector is one
 * command in a channel of its own, at most {@code channels} at once, each cut at {@code timeout} and
 * {@code max-output}; the host as a whole is cut at {@code host-timeout}. Any collector that fails
 * fails the observation, naming each one and why, so that nothing half-seen becomes a fact.
 */
final class SshProbe implements Probe {

    private final SshOptions options;
    private final ObjectStore store;
    private final ProviderContext ctx;
    private final ConnectionResolver resolver;
    private final String probeName;

    SshProbe(SshOptions options, ObjectStore store, ProviderContext ctx) {
        this.options = options;
        this.store = store;
        this.ctx = ctx;
        this.resolver = new ConnectionResolver(options, ctx.env());
        this.probeName = "ssh:" + options.name();
    }

    @Override
    public String name() {
        return probeName;
    }

    /** The host's deadline, plus time to report it. */
    @Override
    public Optional<Duration> deadline() {
        return Optional.of(options.hostTimeout().plus(Duration.ofSeconds(5)));
    }

    @Override
    public Future<Observation> observe(Member member) {
        InFlightLimiter hosts = ctx.shared().get("ssh:hosts-in-flight:" + options.hostsInFlight(),
                () -> new InFlightLimiter(options.hostsInFlight()));
        Context context = ctx.vertx().getOrCreateContext();
        long ms = options.hostTimeout().toMillis();
        return hosts.submit(() -> ctx.blocking().executeBlocking(() -> resolver.resolve(member), false)
                        .compose(c -> {
                            Optional<String> refusal = ctx.targets().refusal(c.host());
                            if (refusal.isPresent()) {
                                return Future.failedFuture(new IllegalStateException("not connecting to " + c.host() + ": " + refusal.get()));
                            }
                            return SshSessions.of(ctx).session(c, store).compose(session -> collect(context, session));
                        })
                        .timeout(ms, TimeUnit.MILLISECONDS))
                .otherwise(e -> Observation.failed(probeName, member.name() + ": " + (e instanceof java.util.concurrent.TimeoutException
                        ? "no result within host-timeout (" + ms + " ms)" : Errors.message(e))));
    }

    /** Runs the collectors in {@code channels} lanes, each lane one command after another. */
    private Future<Observation> collect(Context context, ClientSession session) {
        List<Collector> collectors = options.collectors();
        int lanes = Math.min(options.channels(), collectors.size());
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < collectors.size(); i++) {
            outcomes.add(new Outcome(collectors.get(i)));
        }
        List<Future<Void>> running = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            Future<Void> chain = Future.succeededFuture();
            for (int i = lane; i < outcomes.size(); i += lanes) {
                Outcome o = outcomes.get(i);
                chain = chain.compose(v -> run(context, session, o));
            }
            running.add(chain);
        }
        return Future.all(running).map(v -> {
            List<Fact> facts = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (Outcome o : outcomes) {
                if (o.failure != null) {
                    failures.add(o.failure);
                } else {
                    facts.addAll(o.facts);
                }
            }
            if (!failures.isEmpty()) {
                return Observation.failed(probeName, String.join("; ", failures));
            }
            facts.add(Fact.identity("ssh.address", session.getUsername() + "@" + address(session)));
            return Observation.ok(probeName, facts);
        });
    }

    private Future<Void> run(Context context, ClientSession session, Outcome o) {
        return RemoteCommand.run(context, session, o.collector.command(), options.timeout(), options.maxOutput())
                .map(result -> {
                    try {
                        o.facts = o.collector.parse(result);
                    } catch (CollectorException e) {
                        o.failure = e.getMessage();
                    }
                    return (Void) null;
                })
                .otherwise(e -> {
                    o.failure = "collector " + o.collector.name() + ": " + Errors.message(e);
                    return null;
                });
    }

    private static String address(ClientSession session) {
        java.net.SocketAddress a = session.getConnectAddress();
        return a instanceof java.net.InetSocketAddress isa ? isa.getHostString() + ":" + isa.getPort() : String.valueOf(a);
    }

    /** What one collector gave: facts or a failure. */
    private static final class Outcome {
        final Collector collector;
        List<Fact> facts = List.of();
        String failure;

        Outcome(Collector collector) {
            this.collector = collector;
        }
    }
}
