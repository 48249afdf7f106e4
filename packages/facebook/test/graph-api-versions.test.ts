import { expect } from 'chai';
import sinon from 'sinon';
import {
  DEFAULT_GRAPH_API_VERSION,
  GRAPH_API_VERSIONS,
  GRAPH_API_VERSION_WARNING_CODE,
  graphAPIVersionEndOfLife,
  warnIfPastEndOfLife,
} from '@passport-kit/facebook';

describe('Graph API versions', () => {
  afterEach(() => sinon.restore());

  it('documents the default version, with no end of life announced yet', () => {
    expect(GRAPH_API_VERSIONS).to.have.property(DEFAULT_GRAPH_API_VERSION);
    expect(graphAPIVersionEndOfLife(DEFAULT_GRAPH_API_VERSION)).to.equal(undefined);
  });

  it("gives Meta's end-of-life dates", () => {
    expect(graphAPIVersionEndOfLife('v3.2')?.toISOString()).to.equal('2021-05-04T00:00:00.000Z');
    expect(graphAPIVersionEndOfLife('v25.0')?.toISOString()).to.equal('2028-07-29T00:00:00.000Z');
  });

  it('knows no end of life for an undocumented version', () => {
    expect(graphAPIVersionEndOfLife('v99.0')).to.equal(undefined);
    expect(graphAPIVersionEndOfLife('constructor')).to.equal(undefined);
  });

  // The warning is once per process per version: each test uses versions no other test does.
  describe('warnIfPastEndOfLife', () => {
    it('warns with its code once per process when a version is past its end of life', () => {
      const emitWarning = sinon.stub(process, 'emitWarning');

      expect(warnIfPastEndOfLife('v2.12', new Date('2026-11-21'))).to.equal(true);
      expect(warnIfPastEndOfLife('v2.12', new Date('2026-11-21'))).to.equal(false);

      sinon.assert.calledOnce(emitWarning);
      const [message, options] = emitWarning.firstCall.args as [string, { code: string }];
      expect(message).to.equal(
        'Facebook Graph API v2.12 reached its end of life on 2020-05-05; set graphAPIVersion to a supported version (the default is v26.0).',
      );
      expect(options).to.deep.equal({ code: GRAPH_API_VERSION_WARNING_CODE });
    });

    it('does not warn the day before the end of life, and warns on the day', () => {
      const emitWarning = sinon.stub(process, 'emitWarning');

      expect(warnIfPastEndOfLife('v2.11', new Date('2020-01-27T23:59:59Z'))).to.equal(false);
      sinon.assert.notCalled(emitWarning);
      expect(warnIfPastEndOfLife('v2.11', new Date('2020-01-28T00:00:00Z'))).to.equal(true);
      sinon.assert.calledOnce(emitWarning);
    });

    it('does not warn for the default version or an undocumented one', () => {
      const emitWarning = sinon.stub(process, 'emitWarning');

      expect(warnIfPastEndOfLife(DEFAULT_GRAPH_API_VERSION, new Date('2030-01-01'))).to.equal(false);
      expect(warnIfPastEndOfLife('v99.0', new Date('2030-01-01'))).to.equal(false);
      sinon.assert.notCalled(emitWarning);
    });
  });
});
