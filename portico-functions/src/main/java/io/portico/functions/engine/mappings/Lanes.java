package io.portico.functions.engine.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.functions.engine.ChangeStreams.ChangeRecord;
import io.portico.functions.engine.ChangeStreams.Position;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ParallelizationFactor's lanes: a shard read by N concurrent batch processors is split by item key into N
 * lanes, each with its own cursor. A record belongs to lane {@code hash(Keys) mod N}, so every change of an
 * item goes through one lane, in order, while items of other lanes are in flight at the same time. A lane's
 * cursor is the shard's position as far as that lane's records go: records of other lanes before it count
 * as done for this lane, as filtered-out records do. With factor 1 there is one lane, whose cursor key is the
 * shard id itself, so mappings made before lanes existed keep their cursors. Stateless.
 */
final class Lanes {
    private Lanes() {
    }

    /** The cursor key of lane {@code lane} of {@code lanes} of a shard: the shard id when there is one lane. */
    static String key(String shardId, int lane, int lanes) {
        return lanes == 1 ? shardId : shardId + "#" + lane + "/" + lanes;
    }

    /** Whether the cursor key {@code key} is one of {@code shardId}'s lanes, under any factor. */
    static boolean ofShard(String key, String shardId) {
        return key.equals(shardId) || key.startsWith(shardId + "#");
    }

    /** The lane the cursor key {@code key} names (0 for a shard's one lane under factor 1). */
    static int laneOf(String key) {
        return lanesOf(key) == 1 ? 0 : Integer.parseInt(key.substring(key.lastIndexOf('#') + 1, key.lastIndexOf('/')));
    }

    /** How many lanes the factor that wrote the cursor key {@code key} had. */
    static int lanesOf(String key) {
        int slash = key.lastIndexOf('/');
        return key.contains("#") && slash > 0 ? Integer.parseInt(key.substring(slash + 1)) : 1;
    }

    /**
     * The lane of {@code record}: from its item's keys, names sorted, so the same item always hashes alike
     * (String.hashCode is fixed by the language, so lanes stay the same across restarts).
     */
    static int of(ChangeRecord record, int lanes) {
        if (lanes == 1) {
            return 0;
        }
        Map<String, String> keys = new TreeMap<>();
        JsonNode node = record.event().path("dynamodb").path("Keys");
        node.properties().forEach(e -> keys.put(e.getKey(), e.getValue().toString()));
        return Math.floorMod(keys.toString().hashCode(), lanes);
    }

    /** The earliest of the positions: where every lane's unfinished records still lie after. */
    static Position earliest(List<Position> positions) {
        Position earliest = null;
        for (Position p : positions) {
            if (p instanceof Position.TrimHorizon) {
                return p;
            }
            if (earliest == null || SequenceNumbers.compare(((Position.After) p).sequenceNumber(),
                    ((Position.After) earliest).sequenceNumber()) < 0) {
                earliest = p;
            }
        }
        return earliest == null ? Position.TRIM_HORIZON : earliest;
    }
}
