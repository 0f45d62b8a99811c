// The Excels the offices run (DESIGN.md "Excel hosts"; decision 0010): each with the highest
// ExcelApi set it supports and the engine its task panes run in. Tests run the adapter once
// per profile against the in-memory Excel; the bench prints round trips per profile.
import type { HostCaps } from "./capabilities";

export interface HostProfile extends HostCaps {
  id: string;
  name: string;
  engine: string;
}

export const HOST_PROFILES: readonly HostProfile[] = [
  { id: "excel-2016-vl", name: "Excel 2016 (volume licence)", api: 1, engine: "IE11" },
  { id: "excel-2019-vl", name: "Excel 2019 (volume licence)", api: 7, engine: "IE11" },
  { id: "excel-2019-retail", name: "Excel 2019 (retail)", api: 8, engine: "EdgeHTML" },
  { id: "excel-2021", name: "Excel 2021", api: 14, engine: "WebView2" },
  { id: "excel-2024", name: "Excel 2024", api: 17, engine: "WebView2" },
  { id: "microsoft-365", name: "Microsoft 365 / Excel on the web", api: 20, engine: "WebView2 / Safari / browser" },
];
