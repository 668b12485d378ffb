/** ExcelJS's table of built-in number formats (not in its typings). */
declare module "exceljs/lib/xlsx/defaultnumformats.js" {
  const formats: Record<number, { f?: string }>;
  export default formats;
}

/** ExcelJS's XML writer (not in its typings): `closeNode` is what `joinExcelXmlInChunks` wraps. */
declare module "exceljs/lib/utils/xml-stream.js" {
  export class XmlStream {
    closeNode(): void;
    get xml(): string;
  }
  export default XmlStream;
}
