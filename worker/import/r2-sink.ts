/**
 * Bytes of unknown length into one R2 object, in bounded memory. `put` wants a body of known
 * length (a multipart form's file part has none), so the bytes go up as an R2 multipart
 * upload: parts of exactly PART_BYTES (R2 wants every part but the last the same size, at
 * least 5 MiB), the last one shorter. A file smaller than one part is a single `put`.
 */
export const PART_BYTES = 5 * 1024 * 1024;

export class R2Sink {
  private part = new Uint8Array(PART_BYTES);
  private filled = 0;
  private upload: R2MultipartUpload | undefined;
  private parts: R2UploadedPart[] = [];
  /** Bytes written so far. */
  bytes = 0;

  constructor(
    private readonly bucket: R2Bucket,
    readonly key: string,
  ) {}

  async write(bytes: Uint8Array): Promise<void> {
    this.bytes += bytes.length;
    let from = 0;
    while (from < bytes.length) {
      const n = Math.min(PART_BYTES - this.filled, bytes.length - from);
      this.part.set(bytes.subarray(from, from + n), this.filled);
      this.filled += n;
      from += n;
      if (this.filled === PART_BYTES) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    this.upload ??= await this.bucket.createMultipartUpload(this.key);
    this.parts.push(await this.upload.uploadPart(this.parts.length + 1, this.part.subarray(0, this.filled)));
    this.part = new Uint8Array(PART_BYTES);
    this.filled = 0;
  }

  async close(): Promise<void> {
    if (!this.upload) {
      await this.bucket.put(this.key, this.part.subarray(0, this.filled));
      return;
    }
    if (this.filled > 0) await this.flush();
    await this.upload.complete(this.parts);
  }

  async abort(): Promise<void> {
    await this.upload?.abort().catch(() => undefined);
  }
}
