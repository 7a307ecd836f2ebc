// A count as people read it ("1,234"), with one formatter for the whole process: Number#toLocaleString builds a
// new formatter on every call, which the sampler would do for every partition of every group on every sample.
const formatter = new Intl.NumberFormat("en-US");

export const formatCount = (x: number): string => formatter.format(x);
