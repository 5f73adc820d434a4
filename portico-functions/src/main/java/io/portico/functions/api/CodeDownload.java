package io.portico.functions.api;

import io.portico.core.arn.Arn;
import io.portico.core.json.Json;
import io.portico.core.service.AwsResponse;
import io.portico.core.service.Caller;
import io.portico.functions.engine.CodeStorage;
import io.portico.functions.engine.FunctionLogs;
import io.portico.functions.engine.Functions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What Lambda serves outside its API, on Portico's {@code /_portico/lambda/} paths: the code download
 * that GetFunction's {@code Code.Location} points to (AWS: a presigned S3 URL), protected the same way
 * by a signature only this process can make (so it expires when Portico restarts); and a function's
 * recent logs ({@code /_portico/lambda/logs/<function ARN>}), which AWS keeps in CloudWatch Logs.
 */
final class CodeDownload {
    static final String PATH = "/_portico/lambda/code/";
    static final String LOGS = "/_portico/lambda/logs/";
    private static final byte[] KEY = new SecureRandom().generateSeed(32);

    private CodeDownload() {
    }

    /** The path suffix for a code's download: its SHA-256 and this process's signature of it. */
    static String token(String codeSha256) {
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(codeSha256));
        return id + "?signature=" + sign(id);
    }

    static Optional<AwsResponse> get(Functions functions, CodeStorage code, String path, Map<String, List<String>> query,
            Caller caller) {
        if (path.startsWith(PATH)) {
            String id = path.substring(PATH.length());
            List<String> signature = query.getOrDefault("signature", List.of());
            if (signature.isEmpty() || !MessageDigest.isEqual(
                    sign(id).getBytes(StandardCharsets.UTF_8), signature.get(0).getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(new AwsResponse(403, "text/plain", Map.of(),
                        "Access Denied".getBytes(StandardCharsets.UTF_8)));
            }
            String sha = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(id));
            return Optional.of(new AwsResponse(200, "application/zip", Map.of(), code.read(sha)));
        }
        if (path.startsWith(LOGS)) {
            String arn = path.substring(LOGS.length());
            if (!Arn.parse(arn).map(Arn::account).filter(caller.account()::equals).isPresent()) {
                return Optional.of(new AwsResponse(403, "application/json", Map.of(), Json.write(Json.object()
                        .put("__type", "AccessDeniedException").put("message", "User: " + caller.principalArn()
                                + " is not authorized to read the logs of " + arn))));
            }
            var out = Json.mapper().createArrayNode();
            for (FunctionLogs.Entry e : functions.logs().entries(arn)) {
                out.addObject().put("timestamp", e.timestamp().toString()).put("version", e.version())
                        .put("requestId", e.requestId()).put("message", e.text());
            }
            return Optional.of(new AwsResponse(200, "application/json", Map.of(), Json.write(out)));
        }
        return Optional.empty();
    }

    private static String sign(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
