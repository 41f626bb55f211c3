// What one fill does to a unified account: spot fills move base and quote (fees taken from what
// is received: base on buys, quote on sells; 0.1%); linear fills pay the fee in the settle coin
// (0.055% taker, 0.02% maker) and open, grow, reduce or flip the one-way position, realising PnL
// on the part closed. Funds reserved by the order are released as it fills.
import { notionalAmount, toAmount } from '../decimal.js';
import type { UnifiedAccount } from './accounts.js';
import type { SimExecution, SimOrder } from './order-model.js';

/** Fee rates in parts per million. */
export const FEE_PPM = { spotTaker: 1000n, spotMaker: 1000n, linearTaker: 550n, linearMaker: 200n } as const;

/** The execution identity of one fill. */
export interface FillIdentity {
  readonly execId: string;
  readonly seq: number;
  readonly time: number;
}

/** Applies a fill of `size` at `price` to `account` and `o`; returns the execution record. */
export function settleFill(
  account: UnifiedAccount,
  o: SimOrder,
  price: number,
  size: number,
  isMaker: boolean,
  id: FillIdentity,
): SimExecution {
  const cfg = o.cfg;
  const value = notionalAmount(price, cfg.priceDecimals, size, cfg.qtyDecimals);
  const leavesBefore = o.qty - o.cumExecQty;
  let fee: bigint;
  let feeCurrency: string;
  let ppm: bigint;
  let pnl = 0n;
  let closedSize = 0;
  if (cfg.category === 'spot') {
    ppm = isMaker ? FEE_PPM.spotMaker : FEE_PPM.spotTaker;
    const baseAmount = toAmount(size, cfg.qtyDecimals);
    if (o.side === 'Buy') {
      fee = (baseAmount * ppm) / 1_000_000n;
      feeCurrency = cfg.baseCoin;
      account.addWallet(cfg.quoteCoin, -value);
      const held =
        o.orderType === 'Limit' ? notionalAmount(o.price, cfg.priceDecimals, size, cfg.qtyDecimals) : value;
      release(account, o, cfg.quoteCoin, held);
      account.addWallet(cfg.baseCoin, baseAmount - fee);
    } else {
      fee = (value * ppm) / 1_000_000n;
      feeCurrency = cfg.quoteCoin;
      account.addWallet(cfg.baseCoin, -baseAmount);
      release(account, o, cfg.baseCoin, baseAmount);
      account.addWallet(cfg.quoteCoin, value - fee);
    }
  } else {
    ppm = isMaker ? FEE_PPM.linearMaker : FEE_PPM.linearTaker;
    fee = (value * ppm) / 1_000_000n;
    feeCurrency = cfg.settleCoin;
    if (leavesBefore > 0) {
      const part = (o.reserved * BigInt(size)) / BigInt(leavesBefore);
      o.reserved -= part;
      account.addOrderMargin(cfg.settleCoin, -part);
    }
    const moved = applyToPosition(account, o, price, size, id.time);
    pnl = moved.pnl;
    closedSize = moved.closed;
    account.addWallet(cfg.settleCoin, pnl - fee);
    const pos = account.position(cfg, id.time);
    pos.curRealisedPnl += pnl - fee;
    pos.cumRealisedPnl += pnl - fee;
    account.coin(cfg.settleCoin).cumRealisedPnl += pnl - fee;
    account.touchPosition(cfg.symbol);
  }
  o.cumExecQty += size;
  o.cumExecValue += value;
  o.cumExecFee += fee;
  o.feeCurrency = feeCurrency;
  o.updatedTime = id.time;
  const exec: SimExecution = {
    execId: id.execId,
    price,
    size,
    value,
    fee,
    feeCurrency,
    feeRate: (Number(ppm) / 1_000_000).toString(),
    isMaker,
    time: id.time,
    closedSize,
    pnl,
    seq: id.seq,
  };
  o.executions.push(exec);
  return exec;
}

/** Releases what an order still holds (when it closes). */
export function releaseAll(account: UnifiedAccount, o: SimOrder): void {
  if (o.reserved === 0n) return;
  const cfg = o.cfg;
  if (cfg.category === 'linear') account.addOrderMargin(cfg.settleCoin, -o.reserved);
  else account.addLocked(o.side === 'Buy' ? cfg.quoteCoin : cfg.baseCoin, -o.reserved);
  o.reserved = 0n;
}

function release(account: UnifiedAccount, o: SimOrder, coin: string, amount: bigint): void {
  const part = amount < o.reserved ? amount : o.reserved;
  o.reserved -= part;
  account.addLocked(coin, -part);
}

/** Moves the one-way position by a fill; returns realised PnL (8 decimals) and the size closed. */
function applyToPosition(
  account: UnifiedAccount,
  o: SimOrder,
  price: number,
  size: number,
  time: number,
): { pnl: bigint; closed: number } {
  const cfg = o.cfg;
  const p = account.position(cfg, time);
  const signed = o.side === 'Buy' ? size : -size;
  let pnl = 0n;
  let closed = 0;
  if (p.size === 0 || Math.sign(p.size) === Math.sign(signed)) {
    if (p.size === 0) p.createdTime = time;
    p.entryValue += BigInt(price) * BigInt(size);
    p.size += signed;
  } else {
    const held = Math.abs(p.size);
    closed = Math.min(size, held);
    const entryPart = (p.entryValue * BigInt(closed)) / BigInt(held);
    const exitPart = BigInt(price) * BigInt(closed);
    const units = p.size > 0 ? exitPart - entryPart : entryPart - exitPart;
    pnl =
      units >= 0n
        ? toAmount(units, cfg.priceDecimals + cfg.qtyDecimals)
        : -toAmount(-units, cfg.priceDecimals + cfg.qtyDecimals);
    p.entryValue -= entryPart;
    p.size += Math.sign(signed) * closed;
    const rest = size - closed;
    if (rest > 0) {
      p.entryValue = BigInt(price) * BigInt(rest);
      p.size = Math.sign(signed) * rest;
      p.createdTime = time;
    }
    if (p.size === 0) p.entryValue = 0n;
  }
  p.updatedTime = time;
  p.seq++;
  return { pnl, closed };
}
