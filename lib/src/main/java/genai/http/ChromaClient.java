package genai.http;

import genai.CourseError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import genai.stack.CourseConfig;

/**
 * Chroma collections over its v2 REST API, in the namespace LangChain4j's Chroma store writes to
 * (tenant {@code default}, database {@code default}), for what the store does not offer: reading the
 * ids a collection holds, counting, deleting by id, dropping a collection.
 *
 * <p>Two of Chroma 1.x's refusals are handled before any request: a collection name outside its
 * rule gets one sentence quoting the rule, and an empty list of ids or filter values is a no-op
 * (Chroma answers HTTP 400 "Invalid where clause" to {@code {"$in": []}} and to {@code where: {}},
 * and 400 to a delete with {@code ids: []}; chroma-core/chroma#237, mem0ai/mem0#5712).
 */
public final class ChromaClient {

    /** The namespace path LangChain4j 1.11's {@code ChromaEmbeddingStore} (API v2) uses. */
    public static final String COLLECTIONS = "/api/v2/tenants/default/databases/default/collections/";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9._-]{1,510})[a-zA-Z0-9]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

    private final JsonClient chroma;

    /** Collections on the configured Chroma ({@code CHROMA_URL}). */
    public ChromaClient() {
        this(JsonClient.chroma());
    }

    /** Collections on the Chroma server {@code config} names. */
    public ChromaClient(CourseConfig config) {
        this(JsonClient.chroma(config));
    }

    ChromaClient(JsonClient chroma) {
        this.chroma = chroma;
    }

    /**
     * {@code name} if Chroma 1.x accepts it as a collection name: 3 to 512 characters of
     * {@code [a-zA-Z0-9._-]}, starting and ending with a letter or digit, no {@code ..}, not an IPv4 address.
     *
     * @throws CourseError quoting the rule, before any request is sent
     */
    public static String requireValidName(String name) {
        String reason = null;
        if (name == null || name.length() < 3 || name.length() > 512) {
            reason = "it has " + (name == null ? 0 : name.length()) + " characters";
        } else if (!NAME.matcher(name).matches()) {
            reason = "it has a character outside [a-zA-Z0-9._-] or does not start and end with a letter or digit";
        } else if (name.contains("..")) {
            reason = "it contains '..'";
        } else if (IPV4.matcher(name).matches()) {
            reason = "it is an IPv4 address";
        }
        if (reason != null) {
            throw new CourseError("'" + name + "' cannot be a Chroma collection name (" + reason + "): use 3-512 characters of"
                    + " letters, digits, '.', '_' or '-', starting and ending with a letter or digit, with no '..', e.g. '"
                    + suggest(name) + "'.");
        }
        return name;
    }

    /** A valid name close to {@code name}: other characters become '-', ends trimmed, padded to 3. */
    static String suggest(String name) {
        String s = name == null ? "" : name.replaceAll("[^a-zA-Z0-9._-]", "-").replace("..", ".")
                .replaceAll("^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$", "");
        if (IPV4.matcher(s).matches()) s = "ip-" + s.replace('.', '-');
        while (s.length() < 3) s = s + "x";
        return s.length() > 512 ? s.substring(0, 512) : s;
    }

    /** Whether a collection of that name exists. */
    public boolean exists(String name) {
        requireValidName(name);
        for (JsonNode c : chroma.get(COLLECTIONS.substring(0, COLLECTIONS.length() - 1))) {
            if (name.equals(c.path("name").asText())) return true;
        }
        return false;
    }

    /** The collection's id (a UUID; a re-created collection gets a new one). @throws CourseError if there is none of that name */
    public String id(String name) {
        return chroma.get(COLLECTIONS + requireValidName(name)).get("id").asText();
    }

    /** The number of records in the collection. */
    public long count(String name) {
        return chroma.get(COLLECTIONS + id(name) + "/count").asLong();
    }

    /**
     * The ids of the records whose metadata {@code key} is one of {@code values}; an empty
     * {@code values} asks nothing and gives an empty set.
     */
    public Set<String> idsWhereIn(String name, String key, Collection<String> values) {
        Set<String> ids = new LinkedHashSet<>();
        if (values.isEmpty()) {
            return ids;
        }
        ObjectNode body = JsonClient.object();
        ArrayNode in = body.putObject("where").putObject(key).putArray("$in");
        values.forEach(in::add);
        body.putArray("include");   // ids only
        chroma.post(COLLECTIONS + id(name) + "/get", body).path("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Deletes the records with these ids; an empty {@code ids} sends nothing. @return how many ids were sent for deletion */
    public int delete(String name, Collection<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        ObjectNode body = JsonClient.object();
        ids.forEach(body.putArray("ids")::add);
        chroma.post(COLLECTIONS + id(name) + "/delete", body);
        return ids.size();
    }

    /** Drops the whole collection with its records, if it exists. @return whether there was one to drop */
    public boolean drop(String name) {
        if (!exists(name)) {
            return false;
        }
        chroma.delete(COLLECTIONS + name);
        return true;
    }
}
