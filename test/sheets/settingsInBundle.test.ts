/** The settings dialog's server functions in the built bundle: the daily run's switch and its trigger. */
import type { Settings } from "../../src/domain/settings";
import { load } from "../faults/bundle";
import { buildOnce } from "./buildOnce";

beforeAll(() => {
  buildOnce();
});

type View = { ok: true; settings: Settings };

describe("the daily run's switch in Settings", () => {
  const rows = [
    ["合同编号", "客户姓名", "手机号码", "剩余本金", "最早未还款日"],
    ["L1", "张三", "13800000001", 10000, ""],
  ];

  it("shows whether the trigger is really there, and saving 'on' puts back one deleted from the dashboard", () => {
    const run = load(rows);
    const view = () => (run.fn("settingsLoad")() as View).settings;
    expect(view().dailyTrigger).toBe(false);
    const saved = run.fn("settingsSave")(JSON.stringify({ ...view(), dailyTrigger: true })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    expect(run.app.scriptApp.triggers).toHaveLength(1);
    expect(view().dailyTrigger).toBe(true);
    // Deleted from the Apps Script dashboard: the stored setting still says on, the dialog says off.
    run.app.scriptApp.triggers.length = 0;
    expect(view().dailyTrigger).toBe(false);
    run.fn("settingsSave")(JSON.stringify({ ...view(), dailyTrigger: true }));
    expect(run.app.scriptApp.triggers).toHaveLength(1);
  });

  it("a trigger Apps Script refuses leaves the settings as they were, and says why instead of throwing", () => {
    const run = load(rows);
    const before = run.app.properties.getProperty("daihou.settings");
    run.app.scriptApp.refuseTriggers = true;
    const view = (run.fn("settingsLoad")() as View).settings;
    const saved = run.fn("settingsSave")(JSON.stringify({ ...view, graceDays: 5, dailyTrigger: true })) as {
      ok: boolean;
      errors: string[];
      fields: string[];
    };
    expect(saved).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(/^Apps Script refused the daily run's trigger, so the daily run is off: .*too many time-based triggers/),
      ],
      fields: ["dailyTrigger"],
    });
    expect(run.app.properties.getProperty("daihou.settings")).toBe(before);
  });
});
