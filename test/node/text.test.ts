import { alignColumns, displayWidth, formatMoney, printable, truncate } from "../../src/node/text";

test("display width counts CJK and full-width characters as 2", () => {
  expect(displayWidth("abc")).toBe(3);
  expect(displayWidth("张伟")).toBe(4);
  expect(displayWidth("孙丽娟A")).toBe(7);
  expect(displayWidth("１２")).toBe(4);
  expect(displayWidth("（")).toBe(2);
  expect(displayWidth("𠀀")).toBe(2);
});

test("columns align by display width", () => {
  const lines = alignColumns(
    [
      ["id", "name", "n"],
      ["1", "张伟", "10"],
      ["22", "Li", "5"],
    ],
    [false, false, true],
  );
  expect(lines).toEqual(["id  name   n", "1   张伟  10", "22  Li     5"]);
});

test("money, truncation, control characters", () => {
  expect(formatMoney(1234567.5)).toBe("1,234,567.50");
  expect(formatMoney(0)).toBe("0.00");
  expect(formatMoney(-999.999)).toBe("-1,000.00");
  expect(truncate("欧阳建国际贸易有限公司", 9)).toBe("欧阳建国…");
  expect(printable("a\nb\u001b[31m")).toBe("a b [31m");
});
