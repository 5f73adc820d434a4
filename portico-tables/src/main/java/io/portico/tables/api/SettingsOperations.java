package io.portico.tables.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.tables.engine.PointInTimeRecovery;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.Tables;
import io.portico.tables.engine.TimeToLive;

/**
 * Time-to-live and continuous-backup settings, DescribeContributorInsights, and the account-level
 * DescribeLimits and DescribeEndpoints.
 */
final class SettingsOperations {
    /** AWS's default quotas per account and per table (provisioned capacity units). */
    private static final long ACCOUNT_MAX_CAPACITY = 80_000;
    private static final long TABLE_MAX_CAPACITY = 40_000;
    /** AWS's endpoint cache period: one day. */
    private static final long ENDPOINT_CACHE_MINUTES = 1440;

    private final Tables tables;

    SettingsOperations(Tables tables) {
        this.tables = tables;
    }

    ObjectNode updateTimeToLive(Input in) {
        ObjectNode spec = (ObjectNode) in.node("TimeToLiveSpecification").orElseThrow();
        boolean enabled = spec.path("Enabled").asBoolean();
        String attribute = spec.path("AttributeName").asText();
        tables.updateTimeToLive(in.table(), enabled, attribute);
        ObjectNode out = Json.object();
        out.putObject("TimeToLiveSpecification").put("AttributeName", attribute).put("Enabled", enabled);
        return out;
    }

    /**
     * TTL changes take effect at once (AWS passes through ENABLING and DISABLING for up to an hour): the
     * items' expiries are recomputed in UpdateTimeToLive's transaction, and the sweeper deletes what expired.
     */
    ObjectNode describeTimeToLive(Input in) {
        TimeToLive ttl = tables.describeTimeToLive(in.table());
        ObjectNode out = Json.object();
        ObjectNode description = out.putObject("TimeToLiveDescription")
                .put("TimeToLiveStatus", ttl.enabled() ? "ENABLED" : "DISABLED");
        ttl.attribute().filter(a -> ttl.enabled()).ifPresent(a -> description.put("AttributeName", a));
        return out;
    }

    /** UpdateContinuousBackups: point-in-time recovery on or off; the answer as recorded ({@code test_continuous_backup_update}). */
    ObjectNode updateContinuousBackups(Input in) {
        boolean enabled = in.node("PointInTimeRecoverySpecification")
                .map(spec -> spec.path("PointInTimeRecoveryEnabled").asBoolean()).orElse(false);
        return continuousBackups(tables.updatePointInTimeRecovery(in.table(), enabled));
    }

    ObjectNode describeContinuousBackups(Input in) {
        return continuousBackups(tables.describePointInTimeRecovery(in.table()));
    }

    /** Backups are on for every table (AWS's ContinuousBackupsStatus); point-in-time recovery as set. */
    private static ObjectNode continuousBackups(PointInTimeRecovery recovery) {
        ObjectNode out = Json.object();
        ObjectNode description = out.putObject("ContinuousBackupsDescription").put("ContinuousBackupsStatus", "ENABLED");
        ObjectNode pitr = description.putObject("PointInTimeRecoveryDescription");
        recovery.since().ifPresent(since -> pitr.put("EarliestRestorableDateTime", TableDescriptions.seconds(since)));
        recovery.latestRestorable().ifPresent(latest -> pitr.put("LatestRestorableDateTime", TableDescriptions.seconds(latest)));
        pitr.put("PointInTimeRecoveryStatus", recovery.enabled() ? "ENABLED" : "DISABLED");
        if (recovery.enabled()) {
            pitr.put("RecoveryPeriodInDays", PointInTimeRecovery.RECOVERY_PERIOD_DAYS);
        }
        return out;
    }

    /**
     * Contributor insights are not served, so a table's (or an index's) are DISABLED, as AWS describes a
     * table that never turned them on (recorded: {@code test_dynamodb_describe_contributor_insights}).
     */
    ObjectNode describeContributorInsights(Input in) {
        Table table = tables.describe(in.table());
        ObjectNode out = Json.object();
        in.string("IndexName").ifPresent(index -> out.put("IndexName", index));
        return out.put("ContributorInsightsStatus", "DISABLED").put("TableName", table.name());
    }

    ObjectNode describeLimits(Input in) {
        return Json.object().put("AccountMaxReadCapacityUnits", ACCOUNT_MAX_CAPACITY)
                .put("AccountMaxWriteCapacityUnits", ACCOUNT_MAX_CAPACITY)
                .put("TableMaxReadCapacityUnits", TABLE_MAX_CAPACITY)
                .put("TableMaxWriteCapacityUnits", TABLE_MAX_CAPACITY);
    }

    /**
     * Endpoint discovery: the endpoint the client called is the one to use (the SDKs call this only with
     * discovery switched on). Over the call bus there is no endpoint: the regional AWS name stands in.
     */
    ObjectNode describeEndpoints(Input in) {
        String address = in.call().host().orElse("dynamodb." + in.region() + ".amazonaws.com");
        ObjectNode out = Json.object();
        out.putArray("Endpoints").addObject().put("Address", address).put("CachePeriodInMinutes", ENDPOINT_CACHE_MINUTES);
        return out;
    }
}
