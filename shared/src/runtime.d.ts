/**
 * The few globals the domain code uses that every runtime it runs in has alike (browsers, Node 20+, workers of
 * both). Declared here because this package is type-checked without the DOM and without Node's types, so that code
 * which only one of them has (document, process, Buffer) cannot creep in.
 */
declare global {
  interface TextEncoder {
    encode(input?: string): Uint8Array;
  }
  var TextEncoder: { new (): TextEncoder };
  interface TextDecoder {
    decode(input?: ArrayBufferView | ArrayBuffer): string;
  }
  var TextDecoder: { new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder };
  var performance: { now(): number };
  var crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
}

export {};
