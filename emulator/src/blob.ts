// Blob as Apps Script has it: bytes are SIGNED (-128..127) in getBytes(), like Java's byte[].
import type { Runtime } from './runtime';

export type ByteInput = string | number[] | Uint8Array;

export function toUint8(data: ByteInput): Uint8Array {
  if (typeof data === 'string') return new Uint8Array(Buffer.from(data, 'utf8'));
  if (data instanceof Uint8Array) return new Uint8Array(data);
  return new Uint8Array(data.map((b) => b & 0xff));
}

export function toSignedBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}

/** A conversion hook so that Drive/Docs can turn their blobs into PDFs (set by the Drive service). */
export type BlobConverter = (blob: EmulatedBlob, contentType: string) => EmulatedBlob | null;

export class EmulatedBlob {
  private bytes: Uint8Array;
  constructor(
    private readonly rt: Runtime | null,
    data: ByteInput,
    private contentType: string | null = null,
    private name: string | null = null,
    private readonly converter: BlobConverter | null = null,
  ) {
    this.bytes = toUint8(data);
  }
  private touch(method: string): void {
    this.rt?.call('Blob', method);
  }
  getBytes(): number[] {
    this.touch('getBytes');
    return toSignedBytes(this.bytes);
  }
  /** Node-side access for tests and other emulated services (not an Apps Script method). */
  rawBytes(): Uint8Array {
    return new Uint8Array(this.bytes);
  }
  setBytes(data: number[]): EmulatedBlob {
    this.touch('setBytes');
    this.bytes = toUint8(data);
    return this;
  }
  getDataAsString(charset?: string): string {
    this.touch('getDataAsString');
    const encoding = (charset ?? 'UTF-8').toLowerCase().replace('-', '') === 'iso88591' ? 'latin1' : 'utf8';
    return Buffer.from(this.bytes).toString(encoding);
  }
  setDataFromString(data: string): EmulatedBlob {
    this.touch('setDataFromString');
    this.bytes = toUint8(data);
    return this;
  }
  getContentType(): string | null {
    this.touch('getContentType');
    return this.contentType;
  }
  setContentType(contentType: string | null): EmulatedBlob {
    this.touch('setContentType');
    this.contentType = contentType;
    return this;
  }
  getName(): string | null {
    this.touch('getName');
    return this.name;
  }
  setName(name: string): EmulatedBlob {
    this.touch('setName');
    this.name = name;
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
  copyBlob(): EmulatedBlob {
    this.touch('copyBlob');
    return new EmulatedBlob(this.rt, this.bytes, this.contentType, this.name, this.converter);
  }
  getBlob(): EmulatedBlob {
    return this;
  }
  getAs(contentType: string): EmulatedBlob {
    this.touch('getAs');
    if (contentType === this.contentType) return this.copyBlob();
    const converted = this.converter?.(this, contentType);
    if (!converted) throw new Error(`Converting from ${this.contentType} to ${contentType} is not supported.`);
    return converted;
  }
}
