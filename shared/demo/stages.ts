// Pure. The stages the demo operation can be carried to (shared/demo/sequence.ts), kept apart
// from the sequence so a screen can name them without loading the PDF renderer.
export const demoStages = ['planned', 'served', 'executed', 'reported'] as const;
export type DemoStage = (typeof demoStages)[number];
export const demoStageLabels: Record<DemoStage, string> = {
  planned: '预案定稿（告知书尚未签发）',
  served: '告知书、公告已送达和张贴，尚未执行',
  executed: '现场执行完毕，情况报告尚未报送',
  reported: '情况报告已签发报送（完整流程）',
};

