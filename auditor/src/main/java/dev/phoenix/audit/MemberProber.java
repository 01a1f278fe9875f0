package dev.phoenix.audit;

import dev.phoenix.model.Member;
import io.vertx.core.Future;

/** Runs a group's probes against one member; what chaos uses to look at a replacement. */
@FunctionalInterface
public interface MemberProber {

    Future<Observed> probe(GroupRuntime group, Member member);
}
