/**
 * Public ids (`idTipoCfd`, `idSucursal`, `idCfdi`, `idPeticion`): 32 lowercase hex
 * characters, the AES-256 encryption of one block = 8-byte kind tag + 8-byte internal id.
 *
 * One AES block is a keyed permutation, so every internal id has exactly one public id
 * and nothing about row counts leaks. A tampered or foreign id decrypts to a block
 * whose tag does not match (probability of a false match 2^-64): it is rejected, never
 * mapped to another row. The tag depends on the kind, so an idSucursal is never
 * accepted as an idTipoCfd.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export type IdKind = 'tipo' | 'sucursal' | 'cfdi' | 'peticion';

export interface IdCipher {
  encode(kind: IdKind, id: number): string;
  /** The internal id, or undefined for anything malformed, tampered or of another kind. */
  decode(kind: IdKind, publicId: string): number | undefined;
}

const HEX32 = /^[0-9a-f]{32}$/;

export function createIdCipher(secret: Buffer): IdCipher {
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'cfdi-async public ids', 32));
  const tagKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'cfdi-async id tags', 32));
  const tags = new Map<IdKind, Buffer>();
  const tagOf = (kind: IdKind) => {
    let t = tags.get(kind);
    if (!t) {
      t = createHmac('sha256', tagKey).update(kind).digest().subarray(0, 8);
      tags.set(kind, t);
    }
    return t;
  };
  return {
    encode(kind, id) {
      if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`invalid internal id ${id}`);
      const block = Buffer.alloc(16);
      tagOf(kind).copy(block, 0);
      block.writeBigUInt64BE(BigInt(id), 8);
      const c = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
      return Buffer.concat([c.update(block), c.final()]).toString('hex');
    },
    decode(kind, publicId) {
      if (typeof publicId !== 'string' || !HEX32.test(publicId)) return undefined;
      const d = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
      const block = Buffer.concat([d.update(Buffer.from(publicId, 'hex')), d.final()]);
      if (!timingSafeEqual(block.subarray(0, 8), tagOf(kind))) return undefined;
      const id = block.readBigUInt64BE(8);
      return id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : undefined;
    },
  };
}
