// Regenerates map-1000.input.json deterministically (no randomness):
// item i has sku "SKU-" + zero-padded i and qty = (i * 37) % 100, threshold 50.
// Usage: node gen-map-input.mjs > map-1000.input.json
const items = Array.from({ length: 1000 }, (_, i) => ({
  sku: `SKU-${String(i).padStart(4, '0')}`,
  qty: (i * 37) % 100,
}));
process.stdout.write(JSON.stringify({ batchId: 'batch-0001', threshold: 50, items }) + '\n');
