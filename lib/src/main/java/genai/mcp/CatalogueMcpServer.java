package genai.mcp;

import genai.Rest;
import genai.tools.Shop;
import genai.tools.ToolSpec;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * An MCP server (Model Context Protocol, specification at modelcontextprotocol.io) that speaks
 * JSON-RPC over its standard input and output and exposes two catalogue tools of the course shop:
 * {@code search_products(query)} and {@code get_stock(product_id)}, with the same schemas as
 * {@link Shop#specs()}. Built with the official MCP Java SDK ({@code io.modelcontextprotocol.sdk:mcp}
 * 2.1.0). It exits when its input closes, which is what happens when the client closes the transport
 * or the parent process dies, so it never outlives the notebook.
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
     * @param args ignored
     * @throws Exception if the transport cannot start
     */
    public static void main(String[] args) throws Exception {
        McpJsonMapper json = McpJsonDefaults.getMapper();
        Shop shop = Shop.open();
        CountDownLatch closed = new CountDownLatch(1);
        StdioServerTransportProvider transport = new StdioServerTransportProvider(json, new ClosingInput(System.in, closed), System.out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(NAME, "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tools(json, shop))
                .build();
        closed.await();
        server.closeGracefully();
        shop.close();
        System.exit(0);
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
                    .inputSchema(json, Rest.json().writeValueAsString(spec.parameters())).build();
            Function<Map<String, Object>, Object> handler = handlers.get(spec.name());
            out.add(McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
                try {
                    Object result = handler.apply(request.arguments() == null ? Map.of() : request.arguments());
                    return McpSchema.CallToolResult.builder().addTextContent(Rest.json().writeValueAsString(result)).isError(false).build();
                } catch (Exception e) {
                    return McpSchema.CallToolResult.builder().addTextContent(String.valueOf(e.getMessage())).isError(true).build();
                }
            }).build());
        }
        return out;
    }

    /** Standard input that counts down a latch when it reaches its end. */
    private static final class ClosingInput extends java.io.FilterInputStream {
        private final CountDownLatch closed;

        ClosingInput(java.io.InputStream in, CountDownLatch closed) {
            super(in);
            this.closed = closed;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b < 0) closed.countDown();
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws java.io.IOException {
            int n = super.read(buf, off, len);
            if (n < 0) closed.countDown();
            return n;
        }
    }
}
