import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import iconv from "iconv-lite";
import { decodeBytes, isProbablyBinary } from "../../src/ingest/decode.ts";
import { readArticles } from "../../src/ingest/index.ts";
import { tempDir, throwsInput } from "./helpers.ts";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

describe("decodeBytes: Unicode", () => {
  it("returns UTF-8 text as is", () => {
    assert.equal(decodeBytes(utf8("Zoë’s café — ok"), "a.txt"), "Zoë’s café — ok");
  });

  it("strips a UTF-8 byte order mark", () => {
    assert.equal(decodeBytes(concat(bytes(0xef, 0xbb, 0xbf), utf8("Héllo")), "a.txt"), "Héllo");
  });

  it("decodes UTF-16 LE and BE by their byte order marks", () => {
    const text = "Brückenheim “bridge” €5";
    const le = concat(bytes(0xff, 0xfe), iconv.encode(text, "utf-16le"));
    const be = concat(bytes(0xfe, 0xff), iconv.encode(text, "utf-16be"));
    assert.equal(decodeBytes(le, "le.txt"), text);
    assert.equal(decodeBytes(be, "be.txt"), text);
  });

  it("recognises UTF-16 LE without a byte order mark instead of calling it binary", () => {
    const text = "Plain English text saved by an old Windows tool.";
    assert.equal(decodeBytes(iconv.encode(text, "utf-16le"), "nobom.txt"), text);
  });

  it("turns CRLF and lone CR line endings into LF", () => {
    assert.equal(decodeBytes(utf8("one\r\ntwo\rthree\n"), "a.txt"), "one\ntwo\nthree\n");
  });
});

describe("decodeBytes: legacy encodings", () => {
  it("decodes a Latin-1 file instead of throwing", () => {
    const text = "Le maire a déclaré que la fête était terminée. Les élèves ont reçu leurs diplômes.";
    const decoded = decodeBytes(iconv.encode(text, "latin1"), "fr.txt");
    assert.equal(decoded, text);
    assert.ok(!decoded.includes("\uFFFD"));
  });

  it("decodes Windows-1252 curly quotes, dashes and the euro sign", () => {
    const text = "“Señora Núñez” paid €40 — for Über-sized crêpes in Großdorf.";
    assert.equal(decodeBytes(iconv.encode(text, "windows-1252"), "w.txt"), text);
  });

  it("lets an HTML <meta charset> win over detection", () => {
    const html = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир</p></body></html>';
    assert.equal(decodeBytes(iconv.encode(html, "windows-1251"), "ru.html"), html);
  });

  it("reads the charset of an http-equiv Content-Type", () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2"></head><body>Łódź, Kraków, żółw</body></html>';
    assert.equal(decodeBytes(iconv.encode(html, "iso-8859-2"), "pl.html"), html);
  });

  it("decodes a page declared ISO-8859-1 as Windows-1252, as browsers do", () => {
    const html = '<meta charset="iso-8859-1"><p>“Quoted” – café</p>';
    assert.equal(decodeBytes(iconv.encode(html, "windows-1252"), "q.html"), html);
  });

  it("falls back to detection when a page declares UTF-8 but is not", () => {
    const html = '<meta charset="utf-8"><p>Crème brûlée à la française, très appréciée.</p>';
    assert.equal(decodeBytes(iconv.encode(html, "latin1"), "liar.html"), html);
  });

  it("ignores a <meta charset> in text that is not HTML", () => {
    const text = 'A note quoting <meta charset="windows-1251"> in plain UTF-8: café';
    assert.equal(decodeBytes(utf8(text), "note.txt", { html: false }), text);
  });

  it("ignores an unknown charset label", () => {
    const html = '<meta charset="x-no-such-charset"><p>café</p>';
    assert.equal(decodeBytes(utf8(html), "u.html"), html);
  });
});

describe("decodeBytes: refused input", () => {
  it("refuses no bytes as empty", () => {
    throwsInput(() => decodeBytes(new Uint8Array(), "empty.txt"), "empty.txt: is empty");
  });

  it("refuses whitespace only, and a lone byte order mark, as empty", () => {
    throwsInput(() => decodeBytes(utf8(" \n\t \r\n"), "blank.txt"), "blank.txt: is empty");
    throwsInput(() => decodeBytes(bytes(0xef, 0xbb, 0xbf), "bom.txt"), "bom.txt: is empty");
  });

  it("refuses NUL bytes as binary", () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52);
    throwsInput(() => decodeBytes(png, "image.txt"), "image.txt: looks like a binary file, not text");
  });

  it("refuses a high share of control bytes as binary", () => {
    const noisy = Uint8Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 0x01 : 0x41));
    throwsInput(() => decodeBytes(noisy, "noisy.dat"), "noisy.dat: looks like a binary file, not text");
  });

  it("accepts a few control characters (form feeds, an escape) in text", () => {
    const text = `Page one.\fPage two.\u001b ${"Long text. ".repeat(20)}`;
    assert.equal(decodeBytes(utf8(text), "ff.txt"), text);
  });
});

describe("isProbablyBinary", () => {
  it("tells binary from text as decodeBytes does", () => {
    assert.equal(isProbablyBinary(bytes(0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0)), true);
    assert.equal(isProbablyBinary(utf8("just text")), false);
    assert.equal(isProbablyBinary(iconv.encode("utf-16 text", "utf-16le")), false);
  });
});

describe("decodeBytes: Mac Roman", () => {
  const mac = (text: string): Uint8Array => iconv.encode(text, "macintosh");

  it("reads a French sentence saved as Mac Roman, not as Windows-1252", () => {
    const text = "Le café du théâtre a été rénové : « Très belle soirée », dit Zoé.";
    const warnings: string[] = [];
    assert.equal(decodeBytes(mac(text), "mac.txt", { warnings }), text);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^mac\.txt: not UTF-8; read as Mac Roman/);
  });

  it("reads Mac Roman curly quotes, apostrophes and German letters", () => {
    const text = "La maîtresse d’école a dit : “Voilà, c’est fini.” Müller’s Bäckerei in Köln öffnet früh.";
    assert.equal(decodeBytes(mac(text), "quotes.txt"), text);
    assert.equal(decodeBytes(mac("Café"), "cafe.txt"), "Café");
  });

  it("keeps Windows-1252 and Latin-1 text as it is, without a warning", () => {
    for (const [text, encoding] of [
      ["Le maire a déclaré que la fête était terminée. Les élèves ont reçu leurs diplômes.", "latin1"],
      ["“Señora Núñez” paid €40 — for Über-sized crêpes in Großdorf.", "windows-1252"],
      ["“Don’t,” she said. ‘It’s late’ – and it was.", "windows-1252"],
      ["“hello”", "windows-1252"],
      ["Straße, Köln, Zürich — näher!", "windows-1252"],
    ]) {
      const warnings: string[] = [];
      assert.equal(decodeBytes(iconv.encode(text, encoding), "w.txt", { warnings }), text);
      assert.deepEqual(warnings, [], text);
    }
  });

  // One isolated byte: "Ž" in Windows-1252, "é" in Mac Roman; nothing around it to decide.
  const unsure = concat(
    utf8("The Harlow Bay ferry resumed service on Friday, a "),
    bytes(0x8e, 0x20, 0x42, 0x2e),
  );

  it("warns when it cannot tell, and decodes as Windows-1252", () => {
    const warnings: string[] = [];
    assert.equal(
      decodeBytes(unsure, "short.txt", { warnings }),
      "The Harlow Bay ferry resumed service on Friday, a Ž B.",
    );
    assert.deepEqual(warnings, [
      "short.txt: not UTF-8; decoded as Windows-1252 (if accents look wrong, the file may be Mac Roman)",
    ]);
  });

  it("leaves UTF-8, declared charsets and ASCII alone", () => {
    const warnings: string[] = [];
    assert.equal(decodeBytes(utf8("Café “ok”"), "u.txt", { warnings }), "Café “ok”");
    const html = '<meta charset="windows-1252"><p>Caf\u017d</p>';
    assert.equal(decodeBytes(iconv.encode(html, "windows-1252"), "d.html", { warnings }), html);
    assert.equal(decodeBytes(utf8("plain"), "a.txt", { warnings }), "plain");
    assert.deepEqual(warnings, []);
  });

  it("is reported by ingest as a warning", async (t) => {
    const dir = await tempDir(t);
    const path = join(dir, "unsure.txt");
    await writeFile(path, unsure);
    const { articles, warnings } = await readArticles([path]);
    assert.equal(articles.length, 1);
    assert.deepEqual(warnings, [
      `${path}: not UTF-8; decoded as Windows-1252 (if accents look wrong, the file may be Mac Roman)`,
    ]);
  });
});
