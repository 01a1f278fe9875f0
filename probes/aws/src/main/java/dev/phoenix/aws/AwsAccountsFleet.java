package dev.phoenix.aws;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AWS group across accounts and regions ({@code aws.accounts}, {@code aws.organization}, or
 * the source's {@code regions}): an {@link AwsFleet} per account and region, discovered side by
 * side, each on its own clients and its own bound on calls in flight. An account whose role cannot
 * be assumed, or a region whose discovery fails, is {@linkplain #unaudited() not audited} — a
 * finding for that account and region — and the others are; discovery fails only when no account
 * and region answered. A victim is replaced in its own account and region.
 *
 * <pre>{@code
 * source:
 *   aws-asg: {name: web-asg, accounts: ["222222222222"], regions: [eu-west-1]}   # scope: only these
 * }</pre>
 */
final class AwsAccountsFleet implements Fleet {

    private static final Logger LOG = LoggerFactory.getLogger(AwsAccountsFleet.class);

    /**
     * Which accounts and regions a group covers; empty lists cover every configured one.
     *
     * @param path the source's config path, for errors
     */
    record Scope(List<String> accounts, List<String> regions, String path) {
        Scope {
            accounts = List.copyOf(accounts);
            regions = List.copyOf(regions);
        }

        boolean covers(AwsTarget t) {
            return (accounts.isEmpty() || t.accountId().map(accounts::contains).orElse(false))
                    && (regions.isEmpty() || regions.contains(t.region()));
        }
    }

    private final String group;
    private final Optional<Mutability> groupMutability;
    private final ChaosOptIn optIn;
    private final AwsFleet.Source source;
    private final Scope scope;
    private final AwsSettings settings;
    private final ProviderContext ctx;
    private final Map<AwsTarget, AwsFleet> fleets = new ConcurrentHashMap<>();
    private volatile List<AwsFleet> discovered = List.of();
    private volatile List<Unaudited> unaudited = List.of();

    AwsAccountsFleet(String group, Optional<Mutability> groupMutability, ChaosOptIn optIn, AwsFleet.Source source, Scope scope,
                     AwsSettings settings, ProviderContext ctx) {
        this.group = group;
        this.groupMutability = groupMutability;
        this.optIn = optIn;
        this.source = source;
        this.scope = scope;
        this.settings = settings;
        this.ctx = ctx;
    }

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public Future<List<Member>> discover() {
        return targets().compose(t -> {
            List<AwsTarget> targets = t.targets().stream().filter(scope::covers).toList();
            List<Future<List<Member>>> each = new ArrayList<>();
            for (AwsTarget target : targets) {
                AwsFleet fleet = fleet(target);
                AwsClients clients = AwsClients.shared(ctx, settings, target);
                each.add(clients.ready().compose(v -> fleet.discover()));
            }
            return Future.join(each).transform(x -> {
                List<Member> members = new ArrayList<>();
                List<Unaudited> failed = new ArrayList<>();
                List<AwsFleet> answered = new ArrayList<>();
                t.failed().ifPresent(failed::add);
                for (int i = 0; i < targets.size(); i++) {
                    AwsTarget target = targets.get(i);
                    Future<List<Member>> f = each.get(i);
                    if (f.succeeded()) {
                        members.addAll(f.result());
                        answered.add(fleet(target));
                    } else {
                        failed.add(unaudited(target, f.cause()));
                    }
                }
                if (answered.isEmpty()) {
                    String why = failed.isEmpty() ? "no account or region is configured for it (check aws.accounts, "
                            + "aws.organization and the source's accounts and regions)"
                            : String.join("; ", failed.stream().map(Unaudited::message).toList());
                    Throwable first = targets.isEmpty() ? null : each.get(0).cause();
                    return Future.failedFuture(first instanceof UnreachableException && failed.size() == 1 ? first
                            : new IllegalStateException("no account or region of group " + group + " could be audited: " + why));
                }
                failed.forEach(u -> LOG.warn("group {}: not audited: {}", group, u.message()));
                discovered = List.copyOf(answered);
                unaudited = List.copyOf(failed);
                return Future.succeededFuture(members);
            });
        });
    }

    private Future<AwsAccounts.Targets> targets() {
        if (!settings.multiAccount()) {
            List<String> regions = scope.regions().isEmpty() ? List.of(settings.region()) : scope.regions();
            return Future.succeededFuture(new AwsAccounts.Targets(regions.stream().map(AwsTarget::own).toList(), Optional.empty()));
        }
        return AwsAccounts.shared(ctx, settings).targets();
    }

    private Unaudited unaudited(AwsTarget target, Throwable e) {
        Throwable t = Errors.unwrap(e);
        String code = t instanceof AssumeRoleException are ? are.code().orElse(null) : AwsErrors.code(t).orElse(null);
        String account = target.accountId().orElse(null);
        String message = t instanceof AssumeRoleException ? Errors.message(t)
                : target.describe() + ": " + Errors.message(t);
        return new Unaudited(account, target.region(), code, message);
    }

    private AwsFleet fleet(AwsTarget target) {
        return fleets.computeIfAbsent(target, t -> new AwsFleet(group, groupMutability, optIn, source, settings, t, ctx));
    }

    @Override
    public List<Unaudited> unaudited() {
        return unaudited;
    }

    /** The sum of the desired capacities of the Auto Scaling groups discovered, when every one said. */
    @Override
    public Optional<Integer> expectedSize() {
        List<AwsFleet> fleets = discovered;
        if (fleets.isEmpty()) {
            return Optional.empty();
        }
        int sum = 0;
        for (AwsFleet f : fleets) {
            Optional<Integer> n = f.expectedSize();
            if (n.isEmpty()) {
                return Optional.empty();
            }
            sum += n.get();
        }
        return Optional.of(sum);
    }

    /**
     * What the group launches now, when every account and region launches the same (each account
     * has launch templates of its own, so across accounts this is usually empty: each member's own
     * provenance still picks its golden).
     */
    @Override
    public Optional<String> targetProvenance() {
        List<String> all = discovered.stream().map(f -> f.targetProvenance().orElse(null)).distinct().toList();
        return all.size() == 1 ? Optional.ofNullable(all.get(0)) : Optional.empty();
    }

    /** What each account and region discovered launches now (its own AMI and launch template). */
    @Override
    public java.util.Set<String> targetProvenances() {
        java.util.Set<String> all = new java.util.TreeSet<>();
        discovered.forEach(f -> f.targetProvenance().ifPresent(all::add));
        return all;
    }

    /** Replaces a victim in its own account and region. */
    @Override
    public Future<Member> replace(Member victim, Duration timeout) {
        String account = victim.attribute("account");
        String region = victim.attribute("region");
        AwsTarget target = settings.multiAccount() ? AwsAccounts.shared(ctx, settings).targetOf(account, region)
                : AwsTarget.own(region == null ? settings.region() : region);
        if (settings.multiAccount() && target.account().isEmpty()) {
            return Future.failedFuture("not replacing " + victim.id() + ": its account " + account + " is not one Phoenix audits");
        }
        return fleet(target).replace(victim, timeout);
    }
}
