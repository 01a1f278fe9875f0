package dev.phoenix.aws;

import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * How an EC2 instance becomes a {@link Member}: its attributes (addresses and tags, for URL
 * templates), its provenance and its default mutability.
 */
final class Instances {

    /** Tag EC2 sets on members of an Auto Scaling group. */
    static final String ASG_TAG = "aws:autoscaling:groupName";
    /** Tags EC2 sets on instances launched from a launch template. */
    static final String LT_ID_TAG = "aws:ec2launchtemplate:id";
    static final String LT_VERSION_TAG = "aws:ec2launchtemplate:version";
    /** Per-member override of the group's mutability. */
    static final String MUTABILITY_TAG = "phoenix:mutability";

    private Instances() {
    }

    static Map<String, String> tags(Instance i) {
        Map<String, String> tags = new TreeMap<>();
        if (i.hasTags()) {
            for (Tag t : i.tags()) {
                tags.put(t.key(), t.value() == null ? "" : t.value());
            }
        }
        return tags;
    }

    /**
     * What the instance was built from: {@code ami-0abc lt-0123:3} for an instance launched from a
     * launch template, {@code ami-0abc lc:web-v2} from a launch configuration, else the AMI alone.
     *
     * @param launchConfiguration the launch configuration the Auto Scaling group reports, or null
     */
    static String provenance(Instance i, String launchConfiguration) {
        Map<String, String> tags = tags(i);
        String image = i.imageId() == null ? "" : i.imageId();
        if (tags.containsKey(LT_ID_TAG)) {
            return image + " " + tags.get(LT_ID_TAG) + ":" + tags.getOrDefault(LT_VERSION_TAG, "?");
        }
        if (launchConfiguration != null && !launchConfiguration.isEmpty()) {
            return image + " lc:" + launchConfiguration;
        }
        return image;
    }

    static Optional<String> autoScalingGroup(Instance i) {
        return Optional.ofNullable(tags(i).get(ASG_TAG)).filter(s -> !s.isEmpty());
    }

    /**
     * The member for {@code i}.
     *
     * @param groupMutability     the group's configured mutability, if any
     * @param optIn               the tag that opts an instance into chaos
     * @param launchConfiguration the launch configuration its Auto Scaling group reports, or null
     */
    static Member member(Instance i, String group, Optional<Mutability> groupMutability, ChaosOptIn optIn,
                         String launchConfiguration) {
        return member(i, group, groupMutability, optIn, launchConfiguration, null, null);
    }

    /**
     * The member for {@code i} in {@code account} and {@code region} (its {@code account} and
     * {@code region} attributes, as the scorecard shows them; either may be null when unknown).
     */
    static Member member(Instance i, String group, Optional<Mutability> groupMutability, ChaosOptIn optIn,
                         String launchConfiguration, String account, String region) {
        Map<String, String> tags = tags(i);
        Map<String, String> attributes = new LinkedHashMap<>();
        put(attributes, "instanceId", i.instanceId());
        put(attributes, "account", account);
        put(attributes, "region", region);
        put(attributes, "privateIp", i.privateIpAddress());
        put(attributes, "publicIp", i.publicIpAddress());
        put(attributes, "privateDns", i.privateDnsName());
        put(attributes, "publicDns", i.publicDnsName());
        put(attributes, "instanceType", i.instanceTypeAsString());
        put(attributes, "imageId", i.imageId());
        put(attributes, "subnetId", i.subnetId());
        put(attributes, "vpcId", i.vpcId());
        put(attributes, "availabilityZone", i.placement() == null ? null : i.placement().availabilityZone());
        put(attributes, "state", i.state() == null ? null : i.state().nameAsString());
        put(attributes, "launchTemplateId", tags.get(LT_ID_TAG));
        put(attributes, "launchTemplateVersion", tags.get(LT_VERSION_TAG));
        put(attributes, "launchConfiguration", launchConfiguration);
        put(attributes, "autoScalingGroup", tags.get(ASG_TAG));
        tags.forEach((k, v) -> attributes.put("tag:" + k, v));
        boolean inAsg = tags.containsKey(ASG_TAG);
        Mutability mutability = Mutability.resolve(tags.get(MUTABILITY_TAG), groupMutability,
                inAsg ? Mutability.IMMUTABLE : Mutability.MUTABLE);
        return new Member(i.instanceId(), tags.get("Name"), group, "aws", MemberKind.INSTANCE, mutability, optIn.tagged(tags),
                provenance(i, launchConfiguration), attributes);
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(key, value);
        }
    }

    /** A member an Auto Scaling group lists but EC2 does not know: down, named by its id. */
    static Member unknown(String instanceId, String group, String autoScalingGroup) {
        return new Member(instanceId, group, "aws", MemberKind.INSTANCE, Mutability.IMMUTABLE, false, "",
                Map.of("instanceId", instanceId, "autoScalingGroup", autoScalingGroup))
                .notInService("instance " + instanceId + " is listed InService by Auto Scaling group " + autoScalingGroup
                        + " but unknown to EC2");
    }
}
