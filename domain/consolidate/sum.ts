// Consolidation: the cell-by-cell sum of many units' complete figures. Empty stays empty
// unless some unit filled the cell, so "no NSĐP anywhere" remains blank, not 0.
import { addExact } from "../money/money";
import type { Figures } from "../submission/model";

export function sumFigures(all: Figures[]): Figures {
  const out: Figures = {};
  for (const f of all) {
    for (const a in f) {
      const oa = (out[a] ??= {});
      for (const i in f[a]) {
        const oi = (oa[i] ??= {});
        for (const m in f[a][i]) {
          const om = (oi[m] ??= {});
          const src = f[a][i][m];
          for (const p in src) om[p] = om[p] === undefined ? src[p] : addExact(om[p], src[p]);
        }
      }
    }
  }
  return out;
}
