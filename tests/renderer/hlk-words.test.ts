import { describe, expect, test } from 'vitest';
import { poolMovesText } from '../../renderer/hlk/hlk-words';

describe('what Arrange did, in words', () => {
  test('a support machine moved out and back in is named twice, each time with which way it went', () => {
    const moves = [
      { machine: 'HLK-SUPPORT', from: '$\\tap-windows6', to: '$\\Default Pool' },
      { machine: 'HLK-CLIENT1', from: '$\\Default Pool', to: '$\\tap-windows6' },
      { machine: 'HLK-SUPPORT', from: '$\\Default Pool', to: '$\\tap-windows6' },
    ];
    expect(poolMovesText(moves, '$\\tap-windows6')).toBe(
      'HLK-SUPPORT out to $\\Default Pool for now, then HLK-CLIENT1 into the pool (from $\\Default Pool), then HLK-SUPPORT into the pool (from $\\Default Pool)',
    );
  });
});
