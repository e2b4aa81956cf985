/**
 * Writes a byte stream to R2 while hashing it, in bounded memory: the stream is cut into
 * parts of exactly `partSize` bytes (R2 wants every part but the last the same size, and at
 * least 5 MiB) and sent with a multipart upload, one part at a time, as the SHA-256 is
 * updated incrementally. A stream that ends inside its first part is one plain put. Memory
 * is one part plus the chunk being read, whatever the size of the file.
 */
import { createHash } from "node:crypto";

/** The R2 calls the writer needs (the binding; a file-backed stand-in in the bench). */
export type SnapshotBucket = Pick<R2Bucket, "put" | "get" | "delete" | "createMultipartUpload">;

export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

export interface WrittenObject {
  key: string;
  bytes: number;
  sha256: string;
  parts: number;
}

export async function writeHashed(bucket: SnapshotBucket, key: string, body: ReadableStream<Uint8Array>, contentType: string, partSize = DEFAULT_PART_SIZE): Promise<WrittenObject> {
  const hash = createHash("sha256");
  const httpMetadata = { contentType };
  let part = new Uint8Array(partSize);
  let filled = 0;
  let bytes = 0;
  let upload: R2MultipartUpload | undefined;
  const uploaded: R2UploadedPart[] = [];
  const flush = async () => {
    upload ??= await bucket.createMultipartUpload(key, { httpMetadata });
    uploaded.push(await upload.uploadPart(uploaded.length + 1, part.subarray(0, filled)));
    // A fresh buffer: the one just sent may still be read by the upload.
    part = new Uint8Array(partSize);
    filled = 0;
  };
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      bytes += value.byteLength;
      let offset = 0;
      while (offset < value.byteLength) {
        const take = Math.min(partSize - filled, value.byteLength - offset);
        part.set(value.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === partSize) await flush();
      }
    }
    if (!upload) {
      await bucket.put(key, part.subarray(0, filled), { httpMetadata });
      return { key, bytes, sha256: hash.digest("hex"), parts: 1 };
    }
    if (filled > 0) await flush();
    await upload.complete(uploaded);
    return { key, bytes, sha256: hash.digest("hex"), parts: uploaded.length };
  } catch (error) {
    await upload?.abort().catch(() => undefined);
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}
