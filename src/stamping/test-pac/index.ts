/**
 * Offline test stamper ("test PAC"): behaves like a PAC's test environment without a
 * network. It checks what a PAC checks first (well-formed CFDI 4.0, Sello verifies
 * against the embedded Certificado, the certificate is a CSD of the emisor valid at
 * Fecha, Fecha neither ahead of the clock nor older than 72 hours (401), not already
 * stamped), then adds a TimbreFiscalDigital 1.1 signed with our own test-PAC certificate
 * into the ORIGINAL text (never re-serialised: the PAC returns what was sealed plus the
 * complement).
 *
 * "Previamente timbrado": the stamped XML is remembered by sha256 of the sealed XML, so
 * the same sealed XML always gets the same TFD (the memory is persisted by the caller;
 * keys are 64 hex characters, values the TFD as JSON).
 */
import { createHash, createPrivateKey, randomUUID, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { cadenaOriginal, cadenaTfd } from '../../cfdi/cadena.ts';
import { fechaFueraDeRango, instantOfFecha } from '../../cfdi/fecha.ts';
import type { TimbreFiscalDigital } from '../../cfdi/model.ts';
import { parseXml, XmlParseError, type XNode } from '../../cfdi/xml/parse.ts';
import { CfdiReadError, comprobanteFromNode } from '../../cfdi/xml/read.ts';
import { NS_CFDI } from '../../cfdi/xml/namespaces.ts';
import { writeTfdElement } from '../../cfdi/xml/write.ts';
import { isFiel, OID, readSatCertificate, type SatCertificateInfo } from '../../sealing/certificate.ts';
import { buildCertificate } from '../../sealing/test-csd.ts';
import { StampError, type StampResult, type Stamper } from '../stamper.ts';
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

export interface StampMemory {
  get(key: string): Promise<string | undefined>;
  /**
   * Stores `value` unless the key already has one, atomically; returns the stored value
   * (the first writer's). Two processes stamping the same XML at once then both answer
   * with the first TFD, as a PAC answers a repeated request with the earlier stamp.
   */
  putIfAbsent(key: string, value: string): Promise<string>;
}

export const DEFAULT_RFC_PROV_CERTIF = 'SPR190613I52';

/** In-process memory (tests, demos); the service passes a persistent one. */
export function createMapStampMemory(): StampMemory {
  const m = new Map<string, string>();
  return {
    async get(k) {
      return m.get(k);
    },
    async putIfAbsent(k, v) {
      if (!m.has(k)) m.set(k, v);
      return m.get(k)!;
    },
  };
}

const generateKeyPairAsync = promisify(generateKeyPair);

/** A fresh test-PAC certificate and key (PEM, unencrypted key) shaped like the SAT's. */
export async function generateTestPacCredentials(): Promise<{ certPem: string; keyPem: string; noCertificado: string }> {
  let noCertificado = '30001';
  for (let k = 0; k < 15; k++) noCertificado += Math.floor(Math.random() * 10);
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const now = Date.now();
  const subject: Array<[string, string]> = [
    [OID.commonName, 'PAC DE PRUEBAS CFDI-ASYNC'],
    [OID.name, 'PAC DE PRUEBAS CFDI-ASYNC'],
    [OID.organization, 'PAC DE PRUEBAS CFDI-ASYNC (SIN VALIDEZ FISCAL)'],
    [OID.x500UniqueIdentifier, DEFAULT_RFC_PROV_CERTIF],
    [OID.organizationalUnit, 'Timbrado de pruebas'],
  ];
  const der = buildCertificate({
    serial: noCertificado,
    subject,
    issuer: subject,
    validFrom: new Date(now - 86400_000),
    validTo: new Date(now + 10 * 365 * 86400_000),
    publicKey,
    signingKey: privateKey,
  });
  const certPem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  return { certPem, keyPem, noCertificado };
}

const MX_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Mexico_City',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

let lastSecond = NaN;
let lastLocal = '';

/** t_FechaH in Mexico City local time: `AAAA-MM-DDThh:mm:ss`. */
export function mexicoCityLocal(d: Date): string {
  // Formatting through Intl costs microseconds; consecutive stamps share the second.
  const second = Math.floor(d.getTime() / 1000);
  if (second === lastSecond) return lastLocal;
  const p: Record<string, string> = {};
  for (const x of MX_FORMAT.formatToParts(d)) p[x.type] = x.value;
  lastLocal = `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  lastSecond = second;
  return lastLocal;
}

interface CertEntry {
  publicKey: KeyObject;
  info: SatCertificateInfo;
}

function refuse(code: string, message: string): never {
  throw new StampError(code, message, false);
}

/** Where the TFD goes in the original text, and the wrapping it needs. */
function insertTfd(xml: string, root: XNode, tfdXml: string): string {
  const colon = root.name.indexOf(':');
  const prefix = colon < 0 ? '' : root.name.slice(0, colon + 1);
  let comp: XNode | undefined;
  let addenda: XNode | undefined;
  for (const c of root.children) {
    if (c.ns !== NS_CFDI) continue;
    if (c.local === 'Complemento') comp = c;
    else if (c.local === 'Addenda') addenda = c;
  }
  if (comp && !comp.selfClosing) {
    return xml.slice(0, comp.contentEnd) + tfdXml + xml.slice(comp.contentEnd);
  }
  const name = comp ? comp.name : prefix + 'Complemento';
  if (comp) return xml.slice(0, comp.start) + `<${name}>${tfdXml}</${name}>` + xml.slice(comp.end);
  const at = addenda ? addenda.start : root.contentEnd;
  // Follow the document's layout when it is indented one element per line.
  const wrapped = xml.charCodeAt(at - 1) === 0x0a
    ? `  <${name}>\n    ${tfdXml}\n  </${name}>\n`
    : `<${name}>${tfdXml}</${name}>`;
  return xml.slice(0, at) + wrapped + xml.slice(at);
}

export function createTestPacStamper(o: {
  certPem: string;
  keyPem: string;
  /** Default SPR190613I52 (the SAT test-environment RFC). */
  rfcProvCertif?: string;
  leyenda?: string;
  clock?: () => Date;
  memory?: StampMemory;
}): Stamper & { certificatePem(): string } {
  const privateKey = createPrivateKey(o.keyPem);
  const pacCert = new X509Certificate(o.certPem);
  if (!pacCert.checkPrivateKey(privateKey)) throw new Error('test PAC key does not match its certificate');
  const pacInfo = readSatCertificate(pacCert.raw);
  const noCertificadoSAT = pacInfo.noCertificado;
  if (!noCertificadoSAT) throw new Error('test PAC certificate serial is not a 20-digit SAT certificate number');
  const rfcProvCertif = o.rfcProvCertif ?? DEFAULT_RFC_PROV_CERTIF;
  // TimbreFiscalDigitalv11.xsd: Leyenda 12–150 characters, RfcProvCertif a persona moral RFC.
  if (o.leyenda !== undefined && (o.leyenda.length < 12 || o.leyenda.length > 150)) {
    throw new RangeError('test PAC leyenda must have 12 to 150 characters');
  }
  if (!/^[A-Z&Ñ]{3}[0-9]{6}[A-Z0-9]{3}$/.test(rfcProvCertif)) throw new RangeError(`RfcProvCertif ${rfcProvCertif} is not a persona moral RFC`);
  const clock = o.clock ?? (() => new Date());
  const memory = o.memory ?? createMapStampMemory();
  const inFlight = new Map<string, Promise<StampResult>>();
  // Emisor certificates repeat from one document to the next: parse each once.
  const certs = new Map<string, CertEntry>();

  function emisorCert(b64: string): CertEntry {
    let e = certs.get(b64);
    if (!e) {
      try {
        const der = Buffer.from(b64, 'base64');
        const x = new X509Certificate(der);
        e = { publicKey: x.publicKey, info: readSatCertificate(der) };
      } catch {
        refuse('302', 'Sello mal formado o inválido: el Certificado no es un certificado X.509 válido');
      }
      if (certs.size > 256) certs.clear();
      certs.set(b64, e);
    }
    return e;
  }

  async function stampNew(sealedXml: string, key: string): Promise<StampResult> {
    let root: XNode;
    let cfdi;
    try {
      root = parseXml(sealedXml);
      cfdi = comprobanteFromNode(root);
    } catch (err) {
      if (err instanceof XmlParseError || err instanceof CfdiReadError) refuse('301', `XML mal formado: ${err.message}`);
      throw err;
    }
    if (cfdi.Complemento?.TimbreFiscalDigital) refuse('307', 'El CFDI contiene un timbre previo');
    if (!cfdi.Sello || !cfdi.Certificado) refuse('302', 'Sello mal formado o inválido: faltan Sello o Certificado');
    const cert = emisorCert(cfdi.Certificado);
    let ok = false;
    try {
      ok = verify('sha256', Buffer.from(cadenaOriginal(cfdi), 'utf8'), cert.publicKey, Buffer.from(cfdi.Sello, 'base64'));
    } catch {
      ok = false;
    }
    if (!ok) refuse('302', 'Sello mal formado o inválido');
    if (cert.info.noCertificado !== cfdi.NoCertificado) refuse('302', 'Sello mal formado o inválido: NoCertificado no corresponde al Certificado');
    if (cert.info.rfc !== cfdi.Emisor.Rfc.toUpperCase()) refuse('303', 'Sello no corresponde a emisor');
    if (isFiel(cert.info)) refuse('306', 'El certificado no es de tipo CSD');
    // Fecha is the local time of LugarExpedicion (CFDI40101).
    const fecha = instantOfFecha(cfdi.Fecha, cfdi.LugarExpedicion);
    if (fecha && (fecha < cert.info.validFrom || fecha > cert.info.validTo)) {
      refuse('305', 'La fecha de emisión no está dentro de la vigencia del CSD del Emisor');
    }
    const fuera = fechaFueraDeRango(cfdi.Fecha, cfdi.LugarExpedicion, clock());
    if (fuera?.problema === 'futura') refuse('401', 'Fecha y hora de generación fuera de rango: la Fecha es posterior a la fecha y hora de certificación');
    if (fuera) refuse('401', 'El rango de la fecha de generación no debe de ser mayor a 72 horas para la emisión del timbre');

    const tfd: TimbreFiscalDigital = {
      Version: '1.1',
      UUID: randomUUID().toUpperCase(),
      FechaTimbrado: mexicoCityLocal(clock()),
      RfcProvCertif: rfcProvCertif,
      // Absent rather than undefined: the TFD round-trips through the memory as JSON.
      ...(o.leyenda === undefined ? {} : { Leyenda: o.leyenda }),
      SelloCFD: cfdi.Sello,
      NoCertificadoSAT: noCertificadoSAT as string,
      SelloSAT: '',
    };
    tfd.SelloSAT = sign('sha256', Buffer.from(cadenaTfd(tfd), 'utf8'), privateKey).toString('base64');
    // Only the TFD is remembered (~1 KB, not the whole CFDI): a hit rebuilds the same bytes.
    // Another process may have stamped the same XML meanwhile: its TFD, stored first, wins.
    const stored = JSON.parse(await memory.putIfAbsent(key, JSON.stringify(tfd))) as TimbreFiscalDigital;
    return { xml: insertTfd(sealedXml, root, writeTfdElement(stored, true)), tfd: stored, produccion: false };
  }

  return {
    async stamp(sealedXml: string): Promise<StampResult> {
      const key = createHash('sha256').update(sealedXml, 'utf8').digest('hex');
      let p = inFlight.get(key);
      if (!p) {
        p = stampNew(sealedXml, key)
          .catch(async (e: unknown) => {
            // Refused now, yet stamped before (a retry whose Fecha has since passed 72 hours):
            // the earlier stamp, as a PAC answers "previamente timbrado". Looked up only on a
            // refusal, so a first stamp costs the memory one round trip (its putIfAbsent).
            const known = e instanceof StampError ? await memory.get(key) : undefined;
            if (known === undefined) throw e;
            const tfd = JSON.parse(known) as TimbreFiscalDigital;
            return { xml: insertTfd(sealedXml, parseXml(sealedXml), writeTfdElement(tfd, true)), tfd, produccion: false };
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, p);
      }
      return p;
    },
    certificatePem(): string {
      return pacCert.toString();
    },
  };
}
