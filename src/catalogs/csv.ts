/**
 * RFC 4180 CSV parsing for the SAT catalog files: quoted fields may hold commas,
 * doubled quotes and line breaks (the MEX row of c_Pais has one). The parser is
 * incremental so that large catalogs stream through it chunk by chunk.
 */

/** An incremental parser: feed text chunks, collect completed records. */
export class CsvParser {
  #field = '';
  #record: string[] = [];
  #quoted = false;
  /** Inside quotes, a `"` was just seen: either a closing quote or the first of `""`. */
  #quotePending = false;
  #fieldStarted = false;

  /** Parses a chunk and returns the records it completed. */
  push(chunk: string): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (this.#quoted) {
        if (this.#quotePending) {
          this.#quotePending = false;
          if (ch === '"') {
            this.#field += '"';
            continue;
          }
          this.#quoted = false;
          // fall through: ch is handled as unquoted
        } else if (ch === '"') {
          this.#quotePending = true;
          continue;
        } else {
          this.#field += ch;
          continue;
        }
      }
      if (ch === '"' && !this.#fieldStarted) {
        this.#quoted = true;
        this.#fieldStarted = true;
      } else if (ch === ',') {
        this.#endField();
      } else if (ch === '\n') {
        this.#endField();
        out.push(this.#record);
        this.#record = [];
      } else if (ch === '\r') {
        // CRLF line ends: the \n closes the record.
      } else {
        this.#field += ch;
        this.#fieldStarted = true;
      }
    }
    return out;
  }

  /** Ends the input; returns the last record when the text did not end with a line break. */
  end(): string[][] {
    if (this.#quotePending) {
      this.#quotePending = false;
      this.#quoted = false;
    }
    if (this.#fieldStarted || this.#record.length > 0) {
      this.#endField();
      const last = this.#record;
      this.#record = [];
      return [last];
    }
    return [];
  }

  #endField(): void {
    this.#record.push(this.#field);
    this.#field = '';
    this.#fieldStarted = false;
  }
}

/** Parses a whole CSV text into records (header included). */
export function parseCsv(text: string): string[][] {
  const p = new CsvParser();
  return [...p.push(text), ...p.end()];
}

/** Parses a CSV text with a header row into objects keyed by column name. */
export function parseCsvObjects(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
