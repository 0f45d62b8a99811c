// The server address rule of Kết nối: the token goes only over https, or over plain http to this
// computer (local development). Everything else is refused with a message saying what to type.
import { describe, expect, it } from "vitest";
import { serverAddressProblem } from "../../addin/ui/connect";
import { t } from "../../addin/ui/i18n";

describe("serverAddressProblem", () => {
  it.each([
    "https://may-chu-cua-ban.example",
    "https://may-chu-cua-ban.example/",
    "HTTPS://MAY-CHU-CUA-BAN.EXAMPLE",
    "https://may-chu-cua-ban.example:8443/ngan-sach",
    "  https://may-chu-cua-ban.example  ",
    "http://localhost:8787",
    "http://localhost:8787/",
    "HTTP://LOCALHOST:8787",
    "http://127.0.0.1:8787",
    "http://[::1]:8787",
    "https://localhost:8787",
  ])("accepts %s", (address) => {
    expect(serverAddressProblem(address)).toBeNull();
  });

  it.each([
    ["http://192.168.1.5", "serverNotHttps"],
    ["http://may-chu-cua-ban.example", "serverNotHttps"],
    ["http://localhost.may-chu-cua-ban.example", "serverNotHttps"],
    ["http://127.0.0.2:8787", "serverNotHttps"],
    ["ftp://x", "serverNotHttps"],
    ["localhost:8787", "serverNotHttps"], // parses as scheme "localhost:", not as a host
    ["may-chu-cua-ban.example", "serverInvalid"],
    ["/api", "serverInvalid"],
    ["không phải địa chỉ", "serverInvalid"],
    ["https://", "serverInvalid"],
    ["https://user:secret@may-chu-cua-ban.example", "serverInvalid"],
    ["https://may-chu-cua-ban.example/?token=x", "serverInvalid"],
    ["https://may-chu-cua-ban.example/#x", "serverInvalid"],
    ["", "serverEmpty"],
    ["   ", "serverEmpty"],
  ] as const)("refuses %s (%s)", (address, key) => {
    expect(serverAddressProblem(address)).toBe(key);
  });

  it("says what to type, in Vietnamese and in English, with an example address that is not real", () => {
    for (const key of ["serverEmpty", "serverInvalid", "serverNotHttps"] as const) {
      expect(t("vi", key)).toContain("https://may-chu-cua-ban.example");
      expect(t("en", key)).toContain("https://may-chu-cua-ban.example");
    }
    expect(t("vi", "serverNotHttps")).toMatch(/^Địa chỉ máy chủ phải bắt đầu bằng https:\/\//);
    expect(t("en", "serverNotHttps")).toMatch(/^The server address must start with https:\/\//);
  });
});
