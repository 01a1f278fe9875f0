package dev.phoenix.cli;

import dev.phoenix.audit.AuditEngine;
import dev.phoenix.audit.GroupRuntime;
import dev.phoenix.audit.Observed;
import dev.phoenix.audit.Wiring;
import dev.phoenix.baseline.Acceptance;
import dev.phoenix.baseline.AcceptanceLog;
import dev.phoenix.baseline.BaselineEntry;
import dev.phoenix.baseline.BaselineStore;
import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.drift.DriftJudge;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code phoenix baseline capture|show|accept}. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Capture, show or accept baselines.",
                "capture: record the current state as the baseline (all members, a group, or one member).",
                "show: print the stored baselines and the decisions taken on them.",
                "accept: accept drift: a drifted host's current state becomes its baseline; for an immutable group, the "
                        + "given member's state becomes the golden fingerprint. Records who, when, which facts and why."})
final class BaselineCommand implements Callable<Integer> {

    private static final int HISTORY_SHOWN = 20;

    enum Action { capture, show, accept }

    @ParentCommand
    PhoenixCommand parent;

    @Parameters(index = "0", paramLabel = "ACTION", description = "capture, show or accept")
    Action action;

    @Option(names = "--config", required = true, paramLabel = "FILE")
    Path config;

    @Option(names = "--group", paramLabel = "G", description = "Only this group.")
    String group;

    @Option(names = "--member", paramLabel = "ID", description = "Only this member.")
    String member;

    @Option(names = "--by", paramLabel = "NAME", description = "Who accepts (default: $USER).")
    String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded with the baseline).")
    String reason;

    @Override
    public Integer call() throws Exception {
        App app = parent.app;
        PhoenixConfig cfg;
        List<GroupRuntime> groups;
        ProviderContext ctx;
        try {
            cfg = app.configLoader().load(config);
            if (group != null && cfg.groups().stream().noneMatch(g -> g.name().equals(group))) {
                app.err.println("phoenix: --group: no group named '" + group + "' in " + config + " (groups: "
                        + cfg.groups().stream().map(g -> g.name()).collect(Collectors.joining(", ")) + ")");
                return ExitCode.USAGE;
            }
            ctx = app.providerContext(App.randomSeed(), cfg.probing().loopbackOnly());
            groups = action == Action.show ? List.of() : Wiring.build(cfg, ctx, app.fleets(), app.probes());
        } catch (ConfigFileException e) {
            app.err.println("phoenix: " + e.getMessage());
            return ExitCode.USAGE;
        }
        Stores stores;
        try {
            stores = Stores.open(cfg, ctx);
        } catch (ConfigFileException e) {
            app.err.println("phoenix: " + e.getMessage());
            AuditRun.closeAll(groups);
            return ExitCode.USAGE;
        }
        BaselineStore store = stores.baselines;
        try {
            if (action == Action.show) {
                return show(app, cfg, store, stores.acceptances);
            }
            String who = by != null ? by : app.env.getOrDefault("USER", "unknown");
            boolean found = member == null;
            for (GroupRuntime g : groups) {
                if (group != null && !g.name().equals(group)) {
                    continue;
                }
                List<Observed> observed;
                try {
                    observed = App.await(app.onContext(() ->
                            new AuditEngine(ctx, store).observeGroup(g, cfg.probing().concurrency(), cfg.probing().timeout())));
                } catch (Fleet.UnreachableException e) {
                    // groups before this one keep what was saved; nothing of this one changed
                    app.err.println("phoenix: group " + g.name() + ": " + e.getMessage());
                    return ExitCode.UNREACHABLE;
                }
                GroupBaselines b = App.await(store.load(g.name()));
                List<Acceptance> decisions = new ArrayList<>();
                found |= update(app, g.name(), observed, g.fleet().targetProvenance().orElse(null), b, who,
                        ctx.clock().instant(), decisions);
                App.await(store.save(b));
                App.await(stores.acceptances.append(g.name(), decisions));
            }
            if (!found) {
                app.err.println("phoenix: --member: no member '" + member + "' was discovered");
                return ExitCode.USAGE;
            }
            return ExitCode.OK;
        } finally {
            AuditRun.closeAll(groups);
            App.await(stores.close());
        }
    }

    private boolean update(App app, String groupName, List<Observed> observed, String target, GroupBaselines b, String who,
                           Instant now, List<Acceptance> decisions) {
        boolean found = false;
        List<Observed> selected = new ArrayList<>();
        for (Observed o : observed) {
            if (member != null && !o.member().id().equals(member)) {
                continue;
            }
            found = true;
            if (!o.reachable()) {
                app.err.printf("warning: %s is unreachable, its baseline is unchanged: %s%n", o.member().id(),
                        o.errors().stream().map(e -> e.cause()).collect(Collectors.joining("; ")));
                continue;
            }
            selected.add(o);
        }
        if (action == Action.capture && member == null) {
            // a fresh capture of the whole group: judge against empty baselines, which captures everything
            GroupBaselines fresh = GroupBaselines.empty(groupName);
            DriftJudge.judge(groupName, selected, target, fresh, now);
            if (fresh.currentProvenance() != null) {
                b.currentProvenance(fresh.currentProvenance());
            }
            fresh.members().forEach((id, e) -> b.putMember(id, fresh.member(id).orElseThrow().fingerprint(), e.provenance(),
                    now, who, note("captured")));
            fresh.goldens().forEach((prov, e) -> b.putGolden(fresh.golden(prov).orElseThrow().fingerprint(), prov, now, who,
                    note("captured (" + e.reason() + ")")));
            app.out.printf("%s: captured %d member baselines and %d golden fingerprints%n", groupName,
                    fresh.members().size(), fresh.goldens().size());
            decisions.add(new Acceptance(now, who, "capture", groupName, "group (" + fresh.members().size() + " members, "
                    + fresh.goldens().size() + " golden fingerprints)", null, null, List.of(), reason));
            return found;
        }
        for (Observed o : selected) {
            String id = o.member().id();
            Fingerprint fp = o.fingerprint();
            if (o.member().mutability() == Mutability.MUTABLE) {
                List<Drift> drift = b.member(id).map(c -> c.fingerprint().diff(fp)).orElse(List.of());
                if (action == Action.accept && drift.isEmpty() && b.member(id).isPresent()) {
                    app.out.printf("%s: %s has not drifted from its baseline; nothing to accept%n", groupName, id);
                    continue;
                }
                String before = b.member(id).map(c -> c.entry().digest()).orElse(null);
                b.putMember(id, fp, o.member().provenance(), now, who, note(describe(drift)));
                decisions.add(new Acceptance(now, who, action.name(), groupName, "member " + id, before, fp.digest(), drift, reason));
                app.out.printf("%s: %s baseline of %s%s%n", groupName, action == Action.accept ? "accepted" : "captured", id,
                        drift.isEmpty() ? "" : " (" + drift.size() + " facts: " + Summary.drift(drift) + ")");
            } else if (member != null) {
                List<Drift> drift = b.golden(o.member().provenance()).map(c -> c.fingerprint().diff(fp)).orElse(List.of());
                String before = b.golden(o.member().provenance()).map(c -> c.entry().digest()).orElse(null);
                b.putGolden(fp, o.member().provenance(), now, who, note("golden taken from " + id + "; " + describe(drift)));
                decisions.add(new Acceptance(now, who, action.name(), groupName, "golden "
                        + (o.member().provenance().isEmpty() ? "(any)" : o.member().provenance()) + " from " + id, before,
                        fp.digest(), drift, reason));
                app.out.printf("%s: %s's state is now the golden fingerprint for %s%s%n", groupName, id,
                        o.member().provenance().isEmpty() ? "the group" : o.member().provenance(),
                        drift.isEmpty() ? "" : " (" + drift.size() + " facts changed)");
            } else {
                app.err.printf("warning: %s is immutable; accept a golden fingerprint with --member <id>%n", id);
                break;
            }
        }
        return found;
    }

    private String note(String what) {
        return reason == null ? what : what + "; " + reason;
    }

    private static String describe(List<Drift> drift) {
        return drift.isEmpty() ? "no drift" : "accepted drift: " + drift.stream().map(Drift::fact).collect(Collectors.joining(", "));
    }

    private int show(App app, PhoenixConfig cfg, BaselineStore store, AcceptanceLog log) throws Exception {
        List<String> names = group != null ? List.of(group) : cfg.groups().stream().map(g -> g.name()).toList();
        for (String name : names) {
            GroupBaselines b = App.await(store.load(name));
            app.out.printf("group %s%s%n", name, b.currentProvenance() == null ? "" : " (current provenance " + b.currentProvenance() + ")");
            if (b.members().isEmpty() && b.goldens().isEmpty()) {
                app.out.println("  no baselines yet (run phoenix audit or phoenix baseline capture)");
            }
            for (Map.Entry<String, BaselineEntry> e : b.goldens().entrySet()) {
                line(app, "golden " + (e.getKey().isEmpty() ? "(any)" : e.getKey()), e.getValue());
            }
            for (Map.Entry<String, BaselineEntry> e : b.members().entrySet()) {
                if (member == null || member.equals(e.getKey())) {
                    line(app, "member " + e.getKey(), e.getValue());
                }
            }
            if (member != null) {
                b.member(member).ifPresent(c -> c.fingerprint().facts().forEach((k, v) -> app.out.printf("    %s = %s%n", k, v)));
            }
            List<Acceptance> history = App.await(log.list(name)).stream()
                    .filter(a -> member == null || a.subject().equals("member " + member) || a.subject().endsWith(" from " + member))
                    .toList();
            if (!history.isEmpty()) {
                int from = Math.max(0, history.size() - HISTORY_SHOWN);
                app.out.printf("  decisions (%s%d, oldest first):%n", from > 0 ? "last " + HISTORY_SHOWN + " of " : "", history.size());
                for (Acceptance a : history.subList(from, history.size())) {
                    app.out.printf(Locale.ROOT, "    %s  %-8s %-8s %s%s%s%n", a.at(), a.by(), a.action(), a.subject(),
                            a.drift().isEmpty() ? "" : " (" + a.drift().size() + " facts: " + Summary.drift(a.drift()) + ")",
                            a.reason() == null ? "" : "; " + a.reason());
                }
            }
        }
        return ExitCode.OK;
    }

    private static void line(App app, String what, BaselineEntry e) {
        app.out.printf(Locale.ROOT, "  %-28s %s  %s  by %s  %s%n", what, e.digest().substring(0, 12), e.capturedAt(),
                e.acceptedBy(), e.reason() == null ? "" : e.reason());
    }
}
