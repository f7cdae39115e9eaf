import { generatePackage } from '@juesuan/core';
import { loadCatalog } from './files';
const catalog = loadCatalog();
const SH_T06 = new Set(['301','30101','30102','30103','30106','30107','30108','30109','30110','30111','30112','30113','30114','30199','303','30301','30302','30303','30304','30305','30306','30307','30308','30309','30310','30311','30399','302','30201','30202','30203','30204','30205','30206','30207','30208','30209','30211','30212','30213','30214','30215','30216','30217','30218','30224','30225','30226','30227','30228','30229','30231','30239','30240','30299','310','31001','31002','31003','31007','31013','31019','31021','31022','31099']);
for (let seed of [7, 11, 2024]) for (let i = 0; i < 40; i++) {
  const pkg = generatePackage({ seed, index: i, catalog, profile: 'shanghai-2024' });
  const f = pkg.facts;
  const v = (k: string) => f.get(k) ?? 0n;
  const bad = [...f.facts('basicEcon')].filter((x) => x.value !== 0n && !SH_T06.has(x.fact.dims.econ!)).map((x) => x.fact.dims.econ);
  const feats = {
    units: pkg.units.length, gfb: v('expense fund=gfb'), socb: v('expense fund=socb'), abroad: v('threePublic item=abroad'), purchase: v('threePublic item=vehiclePurchase'), held: v('threePublicCount item=vehiclesHeld'), overseas: v('threePublic item=receptionOverseas'), foreign: v('threePublic item=receptionForeign'), proc: v('procurement'), vehicles: v('asset item=vehicles'), opening: v('balance when=opening fund=fiscal'), nonfiscal: v('income source=business')+v('income source=other'),
  };
  const score = Object.values(feats).filter((x) => Number(x) > 0).length;
  if (bad.length === 0 && score >= 6) console.log(seed, i, score, JSON.stringify(feats, (_, x) => typeof x === 'bigint' ? Number(x) : x));
}
