/**
 * Reading a model the way Ollama stores it: the GGUF file format, its quantized tensor types and the
 * byte-level BPE tokenizer kept in its metadata. Lesson 10 uses this package to open the course's chat
 * model in plain Java; the layer maths (RMSNorm, attention, SwiGLU) stays in the notebook, where it is
 * taught, and this package only turns bytes into numbers and text into token ids.
 *
 * <p><b>Notebook API:</b> {@link genai.gguf.GgufFile} (open a file, or {@link genai.gguf.GgufFile#ofOllamaModel}
 * to find the file Ollama serves for a model; header, metadata, tensor table),
 * {@link genai.gguf.GgufTensor} (one tensor: shape, type, raw blocks, dequantized rows),
 * {@link genai.gguf.GgmlType} (the block layouts F32, F16, Q4_0, Q4_1, Q8_0 and their dequantizers) and
 * {@link genai.gguf.GgufTokenizer} (encode and decode with the vocabulary and merges of the file).
 *
 * <p>Sources: the GGUF specification in ggml's repository ({@code docs/gguf.md}); the block layouts of
 * ggml's {@code ggml-common.h} ({@code block_q4_0}, {@code block_q4_1}, {@code block_q8_0}); the GPT-2
 * byte-to-unicode mapping (Radford et al. 2019, the {@code encoder.py} of openai/gpt-2); the
 * pre-tokenizer expressions llama.cpp applies for each {@code tokenizer.ggml.pre} value
 * ({@code src/llama-vocab.cpp}). Everything here is read-only: nothing is downloaded or written.
 *
 * <p>Generic helper living here because only this lesson needs it: {@link genai.gguf.GgmlType#halfToFloat}
 * (IEEE 754 binary16 to float, which Java 17 lacks).
 */
package genai.gguf;
