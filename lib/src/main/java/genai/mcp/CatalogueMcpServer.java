package genai.mcp;

import genai.http.JsonClient;
import genai.tools.Shop;
import genai.tools.ToolSpec;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An MCP server (Model Context Protocol, specification at modelcontextprotocol.io) that speaks
 * JSON-RPC over its standard input and output and exposes two catalogue tools of the course shop:
 * {@code search_products(query)} and {@code get_stock(product_id)}, with the same schemas as
 * {@link Shop#specs()}. Built with the official MCP Java SDK ({@code io.modelcontextprotocol.sdk:mcp}
 * 2.1.0). It exits when its input closes, which is what happens when the client closes the transport
 * or the parent process dies, so it never outlives the notebook; a line that is not a JSON-RPC message
 * gets a JSON-RPC error and the server keeps serving (see {@link #main}).
 *
 * <p>Start it with {@link McpServers#catalogueCommand()}; standard output carries only protocol
 * messages (logs go to standard error).
 */
public final class CatalogueMcpServer {

    /** The server name reported in the MCP handshake. */
    public static final String NAME = "course-catalogue";

    private CatalogueMcpServer() {}

    /**
     * Runs the server until standard input closes, then exits with status 0.
     *
     * <p>Standard input is read here, one line per JSON-RPC message (the stdio transport of the MCP
     * specification), and only lines that are JSON-RPC messages reach the SDK's transport: in SDK 2.1.0
     * a single unreadable line stops its reader for good (the server no longer answers, and never sees
     * its input close). A line that is not JSON gets the JSON-RPC 2.0 error -32700 (parse error), JSON
     * that is not a request, notification or response gets -32600 (invalid request), and the server
     * goes on serving. The end of standard input always ends the process.
     *
     * @param args ignored
     * @throws Exception if the transport cannot start
     */
    public static void main(String[] args) throws Exception {
        McpJsonMapper json = McpJsonDefaults.getMapper();
        Shop shop = Shop.open();
        PrintStream out = System.out;
        PipedOutputStream toSdk = new PipedOutputStream();
        PipedInputStream sdkInput = new PipedInputStream(toSdk, 1 << 16);
        StdioServerTransportProvider transport = new StdioServerTransportProvider(json, sdkInput, out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(NAME, "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tools(json, shop))
                .build();
        int status = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) continue;
                String error = rejection(json, line);
                if (error != null) {
                    synchronized (out) {
                        out.write((error + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    continue;
                }
                try {
                    toSdk.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    toSdk.flush();
                } catch (IOException e) {
                    System.err.println("[" + NAME + "] the MCP transport stopped reading (" + e.getMessage() + "); exiting.");
                    status = 1;
                    break;
                }
            }
        } catch (IOException e) {
            System.err.println("[" + NAME + "] standard input failed (" + e.getMessage() + "); exiting.");
        }
        try {
            toSdk.close();
            server.closeGracefully();
            shop.close();
        } finally {
            System.exit(status);
        }
    }

    /**
     * The JSON-RPC 2.0 error response (one line) for a line the SDK must not see, or null when the
     * line is a JSON-RPC message. Error codes from the JSON-RPC 2.0 specification, section 5.1.
     */
    static String rejection(McpJsonMapper json, String line) {
        JsonNode node;
        try {
            node = JsonClient.json().readTree(line);
        } catch (IOException e) {
            return error(null, -32700, "Parse error: the line is not JSON; send one JSON-RPC message per line.");
        }
        JsonNode id = node != null && node.has("id") ? node.get("id") : null;
        try {
            McpSchema.deserializeJsonRpcMessage(json, line);
            return null;
        } catch (Exception e) {
            return error(id, -32600, "Invalid request: the JSON is not a JSON-RPC 2.0 request, notification or response.");
        }
    }

    private static String error(JsonNode id, int code, String message) {
        ObjectNode reply = JsonClient.object().put("jsonrpc", "2.0");
        if (id == null || !(id.isTextual() || id.isNumber())) reply.putNull("id");
        else reply.set("id", id);
        reply.putObject("error").put("code", code).put("message", message);
        return reply.toString();
    }

    /** The two tool specifications with their handlers over {@code shop}. */
    static List<McpServerFeatures.SyncToolSpecification> tools(McpJsonMapper json, Shop shop) throws Exception {
        Map<String, Function<Map<String, Object>, Object>> handlers = Map.of(
                "search_products", a -> shop.searchProducts(String.valueOf(a.get("query"))),
                "get_stock", a -> Map.of("product_id", String.valueOf(a.get("product_id")).toUpperCase(), "units", shop.stock(String.valueOf(a.get("product_id")))));
        List<McpServerFeatures.SyncToolSpecification> out = new java.util.ArrayList<>();
        for (ToolSpec spec : Shop.specs()) {
            if (!handlers.containsKey(spec.name())) continue;
            McpSchema.Tool tool = McpSchema.Tool.builder().name(spec.name()).description(spec.description())
                    .inputSchema(json, JsonClient.json().writeValueAsString(spec.parameters())).build();
            Function<Map<String, Object>, Object> handler = handlers.get(spec.name());
            out.add(McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
                try {
                    Object result = handler.apply(request.arguments() == null ? Map.of() : request.arguments());
                    return McpSchema.CallToolResult.builder().addTextContent(JsonClient.json().writeValueAsString(result)).isError(false).build();
                } catch (Exception e) {
                    return McpSchema.CallToolResult.builder().addTextContent(String.valueOf(e.getMessage())).isError(true).build();
                }
            }).build());
        }
        return out;
    }
}
