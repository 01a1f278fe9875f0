package dev.phoenix.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Shared;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts and regions an audit covers: the credentials' own account in {@code aws.region}
 * (the default), the entries of {@code aws.accounts}, and the active accounts of the AWS
 * Organization ({@code aws.organization}, listed with ListAccounts and kept for a minute, so that
 * the groups of one run list it once).
 *
 * <pre>{@code
 * AwsAccounts.shared(ctx, settings).targets().onSuccess(t -> t.targets());   // [account 222222222222 eu-west-1, ...]
 * AwsTarget where = AwsAccounts.shared(ctx, settings).targetOf(member.attribute("account"), member.attribute("region"));
 * }</pre>
 */
final class AwsAccounts implements Shared.Resource {

    private static final Logger LOG = LoggerFactory.getLogger(AwsAccounts.class);
    private static final Duration LISTING_KEPT = Duration.ofMinutes(1);
    private static final int MAX_PAGES = 100;

    /**
     * The targets, and the organization listing's failure when it could not be made.
     *
     * @param targets every account and region to audit
     * @param failed  why the organization's accounts are missing from {@code targets}, if they are
     */
    record Targets(List<AwsTarget> targets, Optional<Fleet.Unaudited> failed) {
        Targets {
            targets = List.copyOf(targets);
        }
    }

    private final ProviderContext ctx;
    private final AwsSettings settings;
    private Future<Targets> listing;
    private long listedAt;

    private AwsAccounts(ProviderContext ctx, AwsSettings settings) {
        this.ctx = ctx;
        this.settings = settings;
    }

    static AwsAccounts shared(ProviderContext ctx, AwsSettings settings) {
        return ctx.shared().get("aws-accounts:" + settings.key() + "|" + settings.accounts() + "|" + settings.organization(),
                () -> new AwsAccounts(ctx, settings));
    }

    /** Every account and region to audit: {@code aws.accounts}, then the organization's other accounts. */
    synchronized Future<Targets> targets() {
        if (!settings.multiAccount()) {
            return Future.succeededFuture(new Targets(List.of(AwsTarget.own(settings.region())), Optional.empty()));
        }
        long now = ctx.clock().millis();
        if (listing == null || now - listedAt > LISTING_KEPT.toMillis()) {
            listedAt = now;
            listing = list();
        }
        return listing;
    }

    private Future<Targets> list() {
        Map<String, AwsAccount> accounts = new LinkedHashMap<>();
        settings.accounts().forEach(a -> accounts.put(a.id(), a));
        if (settings.organization().isEmpty()) {
            return Future.succeededFuture(new Targets(expand(accounts), Optional.empty()));
        }
        AwsOrganization org = settings.organization().get();
        return listAccounts(AwsJson.organizations(ctx, settings), null, new ArrayList<>(), 0)
                .map(ids -> {
                    for (String id : ids) {
                        if (org.audits(id)) {
                            accounts.putIfAbsent(id, org.account(id));
                        }
                    }
                    LOG.info("organization: {} active accounts listed, {} audited", ids.size(), accounts.size());
                    return new Targets(expand(accounts), Optional.<Fleet.Unaudited>empty());
                })
                .recover(e -> {
                    String code = e instanceof AwsJson.Failure f ? f.code : null;
                    String message = "the organization's accounts could not be listed: " + dev.phoenix.spi.Errors.message(e);
                    LOG.warn("{}; auditing the accounts of aws.accounts only", message);
                    return Future.succeededFuture(new Targets(expand(accounts),
                            Optional.of(new Fleet.Unaudited(null, null, code, message))));
                });
    }

    /** ListAccounts, page by page: the ids of the ACTIVE accounts. */
    private Future<List<String>> listAccounts(AwsJson organizations, String token, List<String> acc, int page) {
        Map<String, Object> input = token == null ? Map.of() : Map.of("NextToken", token);
        return organizations.call("ListAccounts", input).compose(body -> {
            for (JsonNode a : body.path("Accounts")) {
                if ("ACTIVE".equals(a.path("Status").asText("ACTIVE"))) {
                    acc.add(a.path("Id").asText());
                }
            }
            String next = body.path("NextToken").asText("");
            return next.isEmpty() || page + 1 >= MAX_PAGES ? Future.succeededFuture(acc)
                    : listAccounts(organizations, next, acc, page + 1);
        });
    }

    private static List<AwsTarget> expand(Map<String, AwsAccount> accounts) {
        List<AwsTarget> out = new ArrayList<>();
        for (AwsAccount a : accounts.values()) {
            for (String r : a.regions()) {
                out.add(AwsTarget.of(a, r));
            }
        }
        return out;
    }

    /**
     * Where a member of {@code account} in {@code region} lives: its entry of {@code aws.accounts},
     * else the organization's role in it, else the credentials' own account.
     */
    AwsTarget targetOf(String account, String region) {
        String r = region == null ? settings.region() : region;
        if (account != null) {
            Optional<AwsAccount> configured = settings.account(account);
            if (configured.isPresent()) {
                return AwsTarget.of(configured.get(), r);
            }
            if (settings.organization().isPresent() && settings.organization().get().audits(account)) {
                return AwsTarget.of(settings.organization().get().account(account), r);
            }
        }
        return AwsTarget.own(r);
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
