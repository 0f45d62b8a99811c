// Built-ins the pane uses that the oldest Excel hosts lack (decision 0010). Imported first by
// main.ts, so everything below is in place before any other module runs. Each polyfill installs
// itself only where the browser lacks the feature (or has a broken one): WebView2 and Safari keep
// their own. Internet Explorer 11 (volume-licensed Excel 2016 and 2019) needs all of it;
// EdgeHTML (retail Excel 2019) needs Object.fromEntries.
//
// The list is what pane.js calls (grep the unminified bundle); TypeScript's ES5 helpers need
// Symbol.iterator on Map, Set and arrays for for-of and spread (downlevelIteration), and
// Promise for async functions. Not polyfilled, because the pane does not need them:
// TextEncoder and crypto.subtle (addin/api/submission.ts brings its own UTF-8 and SHA-256),
// WeakMap (IE11's own suffices for get/set), AbortController (the pane never aborts).
import "core-js/es/symbol"; // Symbol and Symbol.iterator (es/symbol/iterator alone installs no global Symbol)
import "core-js/es/promise"; // async/await, fetch
import "core-js/es/map"; // IE11's Map has no iterators and ignores constructor arguments
import "core-js/es/set"; // likewise Set
import "core-js/es/array/from";
import "core-js/es/array/fill";
import "core-js/es/array/find";
import "core-js/es/array/find-index";
import "core-js/es/array/includes";
import "core-js/es/object/entries";
import "core-js/es/object/from-entries"; // EdgeHTML too
import "core-js/es/string/includes";
import "core-js/es/string/starts-with";
import "core-js/es/string/pad-start";
import "core-js/es/string/pad-end";
import "core-js/es/number/is-finite";
import "core-js/es/number/is-integer";
import "core-js/es/number/is-nan";
import "core-js/es/number/is-safe-integer";
import "core-js/es/math/log10";
import "core-js/web/url"; // new URL(address) in Kết nối; IE11's URL is not a constructor
import "core-js/web/url-search-params"; // query strings in addin/api/client.ts
import "whatwg-fetch"; // fetch, Headers, Response over XMLHttpRequest; after Promise and Symbol

// String.prototype.normalize: the domain compares labels by NFC and folds diacritics by NFD
// (domain/text/normalize.ts) and reads typed numbers after NFC (domain/numbers/parse-text.ts).
// core-js has no normalize (Unicode's full tables are large). The pane's text is Vietnamese, so
// this covers the Latin script: every precomposed letter of U+00C0–U+024F and U+1E00–U+1EFF,
// the combining marks U+0300–U+036F with their canonical ordering, and Unicode's canonical
// composition. Other scripts pass through unchanged. tests/addin/pane-es5.test.ts compares it
// with the engine's own normalize (ICU) and rebuilds COMPOSITIONS from ICU to check the table.

/**
 * Canonical compositions, by combining mark: pairs of characters "base, composed", so that
 * base + mark is canonically equivalent to composed (the base may itself be composed: Ê + ̀ = Ề).
 */
export const COMPOSITIONS: Record<string, string> = {
  "0300": "AÀEÈIÌOÒUÙaàeèiìoòuùÜǛüǜNǸnǹĒḔēḕŌṐōṑWẀwẁÂẦâầĂẰăằÊỀêềÔỒôồƠỜơờƯỪưừYỲyỳ",
  "0301":
    "AÁEÉIÍOÓUÚYÝaáeéiíoóuúyýCĆcćLĹlĺNŃnńRŔrŕSŚsśZŹzźÜǗüǘGǴgǵÅǺåǻÆǼæǽØǾøǿÇḈçḉĒḖēḗÏḮïḯKḰkḱMḾmḿÕṌõṍŌṒōṓPṔpṕŨṸũṹWẂwẃÂẤâấĂẮăắÊẾêếÔỐôốƠỚơớƯỨưứ",
  "0302": "AÂEÊIÎOÔUÛaâeêiîoôuûCĈcĉGĜgĝHĤhĥJĴjĵSŜsŝWŴwŵYŶyŷZẐzẑẠẬạậẸỆẹệỌỘọộ",
  "0303": "AÃNÑOÕaãnñoõIĨiĩUŨuũVṼvṽÂẪâẫĂẴăẵEẼeẽÊỄêễÔỖôỗƠỠơỡƯỮưữYỸyỹ",
  "0304": "AĀaāEĒeēIĪiīOŌoōUŪuūÜǕüǖÄǞäǟȦǠȧǡÆǢæǣǪǬǫǭÖȪöȫÕȬõȭȮȰȯȱYȲyȳGḠgḡḶḸḷḹṚṜṛṝ",
  "0306": "AĂaăEĔeĕGĞgğIĬiĭOŎoŏUŬuŭȨḜȩḝẠẶạặ",
  "0307": "CĊcċEĖeėGĠgġIİZŻzżAȦaȧOȮoȯBḂbḃDḊdḋFḞfḟHḢhḣMṀmṁNṄnṅPṖpṗRṘrṙSṠsṡŚṤśṥŠṦšṧṢṨṣṩTṪtṫWẆwẇXẊxẋYẎyẏſẛ",
  "0308": "AÄEËIÏOÖUÜaäeëiïoöuüyÿYŸHḦhḧÕṎõṏŪṺūṻWẄwẅXẌxẍtẗ",
  "0309": "AẢaảÂẨâẩĂẲăẳEẺeẻÊỂêểIỈiỉOỎoỏÔỔôổƠỞơởUỦuủƯỬưửYỶyỷ",
  "030a": "AÅaåUŮuůwẘyẙ",
  "030b": "OŐoőUŰuű",
  "030c": "CČcčDĎdďEĚeěLĽlľNŇnňRŘrřSŠsšTŤtťZŽzžAǍaǎIǏiǐOǑoǒUǓuǔÜǙüǚGǦgǧKǨkǩƷǮʒǯjǰHȞhȟ",
  "030f": "AȀaȁEȄeȅIȈiȉOȌoȍRȐrȑUȔuȕ",
  "0311": "AȂaȃEȆeȇIȊiȋOȎoȏRȒrȓUȖuȗ",
  "031b": "OƠoơUƯuư",
  "0323": "BḄbḅDḌdḍHḤhḥKḲkḳLḶlḷMṂmṃNṆnṇRṚrṛSṢsṣTṬtṭVṾvṿWẈwẉZẒzẓAẠaạEẸeẹIỊiịOỌoọƠỢơợUỤuụƯỰưựYỴyỵ",
  "0324": "UṲuṳ",
  "0325": "AḀaḁ",
  "0326": "SȘsșTȚtț",
  "0327": "CÇcçGĢgģKĶkķLĻlļNŅnņRŖrŗSŞsşTŢtţEȨeȩDḐdḑHḨhḩ",
  "0328": "AĄaąEĘeęIĮiįUŲuųOǪoǫ",
  "032d": "DḒdḓEḘeḙLḼlḽNṊnṋTṰtṱUṶuṷ",
  "032e": "HḪhḫ",
  "0330": "EḚeḛIḬiḭUṴuṵ",
  "0331": "BḆbḇDḎdḏKḴkḵLḺlḻNṈnṉRṞrṟTṮtṯZẔzẕhẖ",
};

/** Marks that decompose to other marks and never come back (canonical singletons). */
const MARK_SINGLETONS: Record<string, string> = {
  "\u0340": "\u0300",
  "\u0341": "\u0301",
  "\u0343": "\u0313",
  "\u0344": "\u0308\u0301",
};

/** Canonical combining classes of U+0300–U+036F as [first, last, class] (Unicode's UnicodeData). */
const COMBINING_CLASSES: [number, number, number][] = [
  [0x300, 0x314, 230],
  [0x315, 0x315, 232],
  [0x316, 0x319, 220],
  [0x31a, 0x31a, 232],
  [0x31b, 0x31b, 216],
  [0x31c, 0x320, 220],
  [0x321, 0x322, 202],
  [0x323, 0x326, 220],
  [0x327, 0x328, 202],
  [0x329, 0x333, 220],
  [0x334, 0x338, 1],
  [0x339, 0x33c, 220],
  [0x33d, 0x344, 230],
  [0x345, 0x345, 240],
  [0x346, 0x346, 230],
  [0x347, 0x349, 220],
  [0x34a, 0x34c, 230],
  [0x34d, 0x34e, 220],
  [0x34f, 0x34f, 0],
  [0x350, 0x352, 230],
  [0x353, 0x356, 220],
  [0x357, 0x357, 230],
  [0x358, 0x358, 232],
  [0x359, 0x35a, 220],
  [0x35b, 0x35b, 230],
  [0x35c, 0x35c, 233],
  [0x35d, 0x35e, 234],
  [0x35f, 0x35f, 233],
  [0x360, 0x361, 234],
  [0x362, 0x362, 233],
  [0x363, 0x36f, 230],
];

/** Combining class of one UTF-16 code unit; 0 (a starter) outside U+0300–U+036F. */
export function combiningClass(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code < 0x300 || code > 0x36f) return 0;
  for (const [first, last, cls] of COMBINING_CLASSES) if (code >= first && code <= last) return cls;
  return 0;
}

let tables: { decompose: Record<string, string>; compose: Record<string, string> } | null = null;

function latinTables() {
  if (tables) return tables;
  const decompose: Record<string, string> = {};
  const compose: Record<string, string> = {};
  for (const hex of Object.keys(COMPOSITIONS)) {
    const mark = String.fromCharCode(parseInt(hex, 16));
    const pairs = COMPOSITIONS[hex];
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      decompose[pairs[i + 1]] = pairs[i] + mark;
      compose[pairs[i] + mark] = pairs[i + 1];
    }
  }
  for (const mark of Object.keys(MARK_SINGLETONS)) decompose[mark] = MARK_SINGLETONS[mark];
  tables = { decompose, compose };
  return tables;
}

/** Canonical decomposition (NFD) for the Latin script; other characters unchanged. */
export function latinNfd(text: string): string {
  const { decompose } = latinTables();
  const out: string[] = [];
  const expand = (ch: string): void => {
    const parts = decompose[ch];
    if (parts === undefined) {
      out.push(ch);
      return;
    }
    for (let i = 0; i < parts.length; i++) expand(parts.charAt(i));
  };
  for (let i = 0; i < text.length; i++) expand(text.charAt(i));
  // Canonical ordering: within each run of marks, a stable sort by combining class.
  for (let i = 1; i < out.length; i++) {
    const cls = combiningClass(out[i]);
    if (cls === 0) continue;
    for (let j = i; j > 0 && combiningClass(out[j - 1]) > cls; j--) {
      const swap = out[j - 1];
      out[j - 1] = out[j];
      out[j] = swap;
    }
  }
  return out.join("");
}

/** Canonical composition (NFC) for the Latin script; other characters unchanged. */
export function latinNfc(text: string): string {
  const { compose } = latinTables();
  const decomposed = latinNfd(text);
  const out: string[] = [];
  let starter = -1;
  let lastClass = 0;
  for (let i = 0; i < decomposed.length; i++) {
    const ch = decomposed.charAt(i);
    const cls = combiningClass(ch);
    if (starter >= 0) {
      const composed = compose[out[starter] + ch];
      // Not blocked: next to the starter, or every mark in between has a lower class.
      const adjacent = out.length - 1 === starter;
      if (composed !== undefined && cls !== 0 && (adjacent || lastClass < cls)) {
        out[starter] = composed;
        continue;
      }
    }
    if (cls === 0) starter = out.length;
    lastClass = cls;
    out.push(ch);
  }
  return out.join("");
}

/** String.prototype.normalize over latinNfc / latinNfd (the compatibility forms map like the canonical ones). */
export function normalizeLatin(text: string, form?: string): string {
  const f = form === undefined ? "NFC" : String(form);
  if (f === "NFC" || f === "NFKC") return latinNfc(text);
  if (f === "NFD" || f === "NFKD") return latinNfd(text);
  throw new RangeError(`The normalization form should be one of NFC, NFD, NFKC, NFKD.`);
}

if (typeof String.prototype.normalize !== "function") {
  Object.defineProperty(String.prototype, "normalize", {
    configurable: true,
    writable: true,
    value: function normalize(this: unknown, form?: string): string {
      if (this === null || this === undefined)
        throw new TypeError("String.prototype.normalize called on null or undefined");
      return normalizeLatin(String(this), form);
    },
  });
}
