"""Writes an F16 copy of a quantized GGUF model: the same metadata, every quantized tensor decoded and stored in F16.

    python stack/gguf_f16.py IN.gguf OUT.gguf

Why the course serves its 135M chat model this way (install-models.sh): on a 2-core x86 CPU, Ollama 0.24 read
prompts of the Q4_1 file at 210-235 tokens/s and of this F16 copy at 357 tokens/s (8 prompts of about 1,000
tokens, 8 at once), and generated 133 against 150 tokens/s (32 replies of 64 tokens, 8 at once); lesson 13 ran in
180 s instead of 230 s. ggml multiplies F16 weights with its tiled matrix kernels, while Q4_1 has none on x86
(llamafile's sgemm covers F16, Q8_0 and Q4_0). The numbers are the same model's: a Q4_1 value is d·q + m with
d and m stored in F16, and each decoded value is rounded to the nearest F16 once. The lessons that read the
model file themselves (10 and 11) read the pinned Q4_1 original.

The gguf package (llama.cpp's own reader and writer, pinned in requirements.txt) decodes the blocks; the output
is byte-for-byte reproducible, and install-models.sh checks it against a pinned sha256.
"""
import sys

import numpy as np
from gguf import GGMLQuantizationType, GGUFReader, GGUFValueType, GGUFWriter, LlamaFileType
from gguf.quants import dequantize

KEEP = {GGMLQuantizationType.F32, GGMLQuantizationType.F16}


def field_value(field):
    """A metadata field's value as the writer takes it: (value, type, array element type)."""
    kind = field.types[0]
    if kind == GGUFValueType.ARRAY:
        element = field.types[1]
        if element == GGUFValueType.STRING:
            return [bytes(field.parts[i]).decode("utf-8") for i in field.data], kind, element
        return [field.parts[i][0].item() for i in field.data], kind, element
    if kind == GGUFValueType.STRING:
        return bytes(field.parts[field.data[0]]).decode("utf-8"), kind, None
    return field.parts[field.data[0]][0].item(), kind, None


def convert(source, target):
    reader = GGUFReader(source)
    architecture = field_value(reader.fields["general.architecture"])[0]
    writer = GGUFWriter(target, architecture)
    for name, field in reader.fields.items():
        if name.startswith("GGUF.") or name == "general.architecture":
            continue                    # the header's own fields; the writer writes them
        value, kind, element = field_value(field)
        if name == "general.file_type":
            value = int(LlamaFileType.MOSTLY_F16)
        writer.add_key_value(name, value, kind, sub_type=element)
    for tensor in reader.tensors:
        shape = [int(d) for d in reversed(tensor.shape)]      # GGUF lists dimensions innermost first
        if tensor.tensor_type in KEEP:
            data = np.array(tensor.data).reshape(shape)
        else:
            data = dequantize(tensor.data, tensor.tensor_type).reshape(shape)
        # ggml keeps 1-D tensors (norm weights) in F32, as llama.cpp's own F16 conversion does
        writer.add_tensor(tensor.name, data.astype(np.float16 if len(shape) > 1 else np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python stack/gguf_f16.py IN.gguf OUT.gguf")
    convert(sys.argv[1], sys.argv[2])
