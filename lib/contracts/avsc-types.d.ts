// avsc's types-only entry point (no files, streams or services; it also runs in the browser), typed as the
// same classes the package's main entry exports.
declare module "avsc/etc/browser/avsc-types" {
  export { Type, types } from "avsc";
}
