package genai.chat;

import dev.langchain4j.data.segment.TextSegment;
import genai.data.DocumentFiles;

/**
 * A retrieved piece of a menu or an upload, as the prompt quotes it and the page links it.
 *
 * @param id the passage's id in its store (Chroma's record id for a menu; a random id for an upload)
 * @param menu the document's title: the restaurant's name for a menu PDF
 * @param fileName the file it comes from
 * @param page the 1-based page
 * @param text the passage's text
 * @param score LangChain4j's relevance score, (1 + cosine similarity) / 2, from 0 to 1
 */
record Passage(String id, String menu, String fileName, int page, String text, double score) {

    /** Metadata key: "menus" for the shared menus, "upload" for a session's files. */
    static final String SOURCE = "source";

    static Passage of(String id, TextSegment segment, double score) {
        var m = segment.metadata();
        Integer page = m.getInteger(DocumentFiles.PAGE);
        return new Passage(id, m.getString(DocumentFiles.TITLE), m.getString(DocumentFiles.FILE_NAME), page == null ? 1 : page,
                segment.text(), score);
    }

    /** The label the prompt and the page show: "Trattoria Sole, page 1". */
    String label() {
        return menu + ", page " + page;
    }
}
