/**
 * What the people of the demo history write: residents' matters by category, staff's findings, replies, results
 * and reasons. Placeholders: `{c}` community, `{b}` building (5号楼), `{r}` the room (5号楼2单元1502), `{p}` a
 * public place of the community. No reply here contains a deflection (FIRSTASK-3); every first answer to a
 * complaint apologises (HANDLE-4).
 */

/** The matters residents raise, by category code (CLASS-3 default tree). */
export const DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  'facility_repair.water_electric': [
    '{r}厨房水龙头一直滴水，关紧了也不行，请派师傅来看看。',
    '{r}卫生间地漏返水，一洗澡就漫到客厅，麻烦尽快处理。',
    '{r}家里突然跳闸，总闸推不上去，冰箱里还有东西。',
    '{r}马桶水箱一直流水，进水阀可能坏了。',
    '{r}阳台下水管漏水，楼下邻居说天花板有水印。',
    '{r}客厅插座冒火花后没电了，担心安全。',
    '{r}热水器进水角阀漏水，已经关了总阀。',
    '{r}厨房下水道堵塞，水池的水下不去。',
  ],
  'facility_repair.doors_windows': [
    '{r}入户门锁芯卡住，钥匙拧不动，人在门外进不去。',
    '{r}卧室窗户合页松了，关不严，下雨往里飘。',
    '{r}单元门禁刷卡没反应，楼里老人进出不方便。',
    '{r}阳台推拉门轨道变形，推不动。',
    '{r}防盗门闭门器漏油，门关得很重。',
  ],
  'facility_repair.lift': [
    '{b}电梯运行中发出异响，上下晃得厉害，老人不敢坐。',
    '{b}右侧电梯停在12楼不动了，按键没反应。',
    '{b}电梯门关到一半又弹开，反复好几次才能走。',
    '{b}电梯轿厢灯不亮，里面一片黑。',
    '{b}电梯平层不准，出门要跨一个台阶，差点绊倒。',
  ],
  'facility_repair.public_lighting': [
    '{b}楼道声控灯坏了好几盏，晚上上下楼看不见。',
    '{p}路灯不亮，晚上散步很不安全。',
    '{b}地下车库入口的灯一闪一闪的，麻烦换一下。',
    '{b}单元大堂的吸顶灯掉下来一半，有点危险。',
  ],
  leisure_facilities: [
    '{p}儿童滑梯有一块板子松动，孩子玩的时候晃。',
    '{p}健身器材的扶手生锈断裂，请尽快维修或拆除。',
    '{p}凉亭的木座椅有钉子冒出来，容易划伤人。',
  ],
  'municipal.water': [
    '{b}整栋楼停水了，没有看到停水通知，请问什么时候恢复？',
    '{b}自来水发黄，放了很久还是有锈味。',
    '{b}高层水压太低，早晚用水的时候几乎出不来水。',
  ],
  'municipal.power': [
    '{b}整个单元停电了，电梯也停了，请尽快联系供电。',
    '{b}电压不稳，家里灯一直闪，空调频繁停机。',
  ],
  'municipal.gas': [
    '{r}厨房有燃气味，已经开窗并关掉阀门，请尽快安排检查。',
    '{r}燃气表显示异常，开火一会儿就自动熄灭。',
  ],
  'municipal.telecom': ['{b}宽带一直掉线，电信说是小区弱电井的问题。', '{b}楼里手机信号很差，打电话经常断。'],
  'municipal.roads': ['{c}门口的市政道路有个大坑，下雨积水，电动车容易摔。'],
  'property_service.attitude': [
    '业主反映门岗保安态度生硬，外卖进小区时说话很冲。',
    '业主反映到服务中心办事时，前台工作人员不耐烦，没有解释清楚就让回去等通知。',
    '业主反映维修师傅上门时没有穿鞋套，干完活也没有收拾。',
    '业主反映打客服电话时接线员语气不好，问题还没说完就挂了。',
  ],
  'property_service.timeliness': [
    '{r}上周报修的卫生间漏水到现在还没人来，一直在等。',
    '业主反映前天反映的楼道堆物问题至今没有处理。',
    '业主反映报修电话打了三次才有人接，响应太慢。',
    '{r}说好昨天下午上门维修，师傅一直没来也没通知。',
  ],
  neighbour_dispute: [
    '{r}楼上邻居家空调外机滴水，正好滴在自家阳台上，沟通过没有解决。',
    '{r}对门邻居长期在楼道堆放杂物和鞋柜，影响通行和消防。',
    '{r}楼上住户家养的狗半夜一直叫，影响休息，希望物业协调。',
    '{r}楼下住户在公共绿地私自种菜，还堆了肥料，有异味。',
  ],
  'public_order.parking': [
    '{p}有外来车辆长期占用消防通道，救护车进不来。',
    '业主反映自己的固定车位被别人的车占了，联系不上车主。',
    '{b}楼下电动车乱停，挡住了单元门口的无障碍坡道。',
    '业主反映地下车库有车辆违规在楼道里充电，担心起火。',
  ],
  'public_order.rubbish': [
    '{b}门口的垃圾桶满了没人清，味道很大，还招苍蝇。',
    '{b}楼道里有住户堆放装修垃圾好几天了。',
    '业主反映垃圾分类投放点晚上没有人值守，分类乱扔。',
  ],
  'environment.noise': [
    '{r}楼上装修中午和晚上也在电钻，严重影响休息。',
    '{p}广场舞音响声音太大，一直到晚上九点多。',
    '{r}隔壁装修周末早上七点就开始敲墙，家里有小孩。',
    '{b}地下车库排风机夜里噪音很大，楼上住户睡不着。',
  ],
  'environment.sanitation': [
    '{b}楼道地面很脏，几天没有拖过，扶手上都是灰。',
    '{p}水景池里的水发臭了，飘着垃圾。',
    '{b}电梯轿厢里有宠物便溺，一直没人清理。',
  ],
  security: [
    '业主反映晚上有陌生人在{b}楼道里徘徊，门禁好像没起作用。',
    '{p}有人高空抛物，楼下停的车被砸了，请调监控。',
    '业主反映自家电动车在车棚被盗，请协助调取监控。',
    '业主反映{b}单元门常被人用东西卡住不关，担心安全。',
  ],
  cleaning: [
    '{b}楼道窗户很久没擦了，玻璃上全是灰。',
    '{p}落叶堆积没人清扫，下雨后很滑。',
    '{b}大堂地面保洁拖地后没有放警示牌，老人差点滑倒。',
  ],
  greening: [
    '{p}的树枝长得太密，挡住了{b}低层住户的采光。',
    '{p}草坪打药没有提前通知，孩子在旁边玩。',
    '{b}楼前的绿篱很久没修剪，杂草都长到人行道上了。',
  ],
  convenience_services: [
    '咨询小区快递柜什么时候能恢复使用。',
    '咨询物业能否代收大件快递，家里白天没人。',
    '咨询小区内电动车充电桩的收费标准和办卡方式。',
    '咨询装修备案需要准备哪些材料、押金是多少。',
    '咨询小区门禁卡丢了怎么补办，需要多少钱。',
  ],
  other: [
    '咨询本季度物业费的缴纳方式和截止日期。',
    '咨询停车月卡续费可以线上办理吗。',
    '询问小区游泳池夏季开放时间和收费。',
    '咨询搬家当天需要提前办理什么手续。',
    '反映小区公告栏信息太旧，希望及时更新。',
  ],
  special_needs: [
    '{r}独居老人行动不便，家属希望物业每周上门看看。',
    '{r}家中有轮椅使用者，希望单元门口加装扶手。',
  ],
  community_culture: [
    '建议物业在中秋节组织一次社区邻里活动。',
    '建议在会所开设老年人智能手机学习班。',
    '建议暑假期间为孩子们组织一次安全教育活动。',
  ],
};

/** What residents add to a matter in their own words (demo-history.ts `detail`). */
export const DETAILS: readonly string[] = [
  '已经好几天了。',
  '家里有老人和小孩。',
  '今天上午都在家。',
  '下午三点以后方便。',
  '之前反映过一次。',
  '晚上下班后才在家。',
  '希望今天能处理。',
  '麻烦来之前打个电话。',
  '邻居也遇到同样情况。',
  '昨天晚上开始的。',
  '周末在家，可以约时间。',
  '比较着急，谢谢。',
  '物业群里也说过了。',
  '拍了照片可以发给你们。',
  '怕影响楼下邻居。',
  '这周出差，家里有人。',
  '请师傅带好工具。',
  '上次修完没多久又坏了。',
];

/** Suggestions residents make (kind suggestion), by category code. */
export const SUGGESTIONS: Readonly<Record<string, readonly string[]>> = {
  greening: ['建议在{p}增加几棵遮阴的树，夏天太晒了。', '建议把{b}楼前的草坪改成小花园，方便老人休息。'],
  leisure_facilities: ['建议在{p}加装一些儿童游乐设施，现在孩子没地方玩。', '建议给健身区加一个遮阳棚。'],
  community_culture: DESCRIPTIONS.community_culture,
  'public_order.parking': [
    '建议增加访客临时车位，现在来客人没地方停。',
    '建议在{b}附近增设电动车充电桩，减少楼道充电。',
  ],
};

/** Praise residents give (kind praise). */
export const PRAISE: readonly string[] = [
  '业主来电表扬维修师傅上门及时、技术好，半小时就修好了。',
  '业主送来锦旗，感谢保安深夜帮忙把突发疾病的老人送医。',
  '业主表扬保洁阿姨把楼道打扫得非常干净。',
  '业主表扬客服中心帮忙找回了遗失的钱包。',
  '业主表扬物业在暴雨天及时排水，车库没有进水。',
];

/** The on-the-spot answers to questions and simple matters (INTAKE-6). */
export const ON_THE_SPOT: readonly string[] = [
  '已当场向业主说明办理流程和所需材料，业主表示清楚。',
  '已电话告知相关时间安排，并提醒关注小区公告。',
  '已现场解答，业主无其他疑问。',
  '已电话指导业主操作，问题当场解决。',
  '已向业主说明收费标准及缴费渠道，并发送缴费指引。',
];

/** Praise acknowledged on the spot. */
export const PRAISE_ANSWER: readonly string[] = [
  '已向业主致谢，表扬已转达相关员工并记入月度考评。',
  '已接收锦旗并致谢，将在员工大会上通报表扬。',
];

/** What a department finds when it verifies a complaint (HANDLE-1). */
export const FINDINGS: readonly string[] = [
  '现场查看情况属实，已与业主面谈了解详细经过。',
  '调取监控并询问当班人员，情况基本属实。',
  '分别听取了投诉人和被投诉人的说法，双方对事实无异议。',
  '现场核实，问题存在，已拍照留存。',
];

/** The first answer to the resident: the status and a time limit (ROUTE-2), with the company's apology. */
export const REPLIES: readonly string[] = [
  '您好，非常抱歉给您带来不便，我们已安排专人跟进，今天内给您答复处理进度。',
  '您好，抱歉让您久等了，工作人员已到现场查看，预计明天完成处理。',
  '您好，您反映的问题我们已登记并转交相关部门，非常抱歉给您添麻烦了，处理完成后会第一时间通知您。',
  '您好，对此给您造成的困扰深表歉意，我们已与相关方沟通，将在两天内给出处理结果。',
];

/** Progress updates during an emergency (EMERGENCY-3). */
export const PROGRESS: readonly string[] = [
  '您好，维修人员正在现场抢修，预计一小时内恢复，给您带来不便深表歉意。',
  '您好，抢修仍在进行中，已更换损坏部件，正在测试，请您放心。',
  '您好，现场已控制住情况，正在做最后的检查。',
];

/** Results of handling, by the department's function. */
export const RESULTS: Readonly<Record<string, readonly string[]>> = {
  engineering: [
    '师傅上门更换了损坏配件，试用正常，已请业主确认。',
    '已更换阀芯并做了防水处理，观察无渗漏。',
    '已排查线路，更换了漏电开关，恢复供电。',
    '已联系维保单位检修，更换门机皮带，运行正常。',
    '已更换损坏灯具和感应开关，现场试亮正常。',
    '已疏通管道并清理存水弯，排水顺畅。',
  ],
  security: [
    '已调取监控并加强巡逻，对相关车辆张贴告知单，通道已恢复畅通。',
    '已约谈装修户，要求严格按规定时间施工，后续加强巡查。',
    '已协调相关住户整改，并在单元门口张贴提示。',
  ],
  cleaning: ['已安排保洁人员全面清扫并消毒，增加了每日巡查频次。', '已清运垃圾，调整了清运时间，避免满溢。'],
  greening: ['已安排绿化工修剪树枝，清理杂草，并补种了草皮。', '已调整打药时间并提前张贴通知。'],
  customer_service: [
    '已向业主当面道歉，对相关人员进行了批评教育，并纳入月度考核。',
    '已协调双方当面沟通，达成一致意见，问题已解决。',
    '已按业主要求办理完毕，并告知后续注意事项。',
    '已向业主详细说明情况，并安排专人定期回访。',
  ],
  unit: ['已与相关单位确认，故障已排除，恢复正常供应。', '相关单位已上门检修完毕，业主确认已恢复。'],
  leader: ['主任牵头召集相关部门协调，已明确责任并完成处理。', '经主任协调，已与相关方达成处理方案并落实。'],
  inquiry: ['已电话答复业主，并告知办理渠道和所需材料。', '已查询确认后回复业主，业主表示清楚。'],
  suggestion: [
    '建议已提交管理处研究，已采纳并列入下月工作计划，已向业主反馈。',
    '感谢业主建议，已纳入年度改造计划，并向业主说明实施时间。',
  ],
  praise: PRAISE_ANSWER,
};

/** Remedial and corrective actions recorded with a resolution (HANDLE-3). */
export const REMEDIAL: readonly string[] = ['已上门致歉并赠送小礼品。', '已当面向业主说明并致歉。'];
export const CORRECTIVE: readonly string[] = [
  '组织全体员工开展服务礼仪培训，并纳入考核。',
  '修订报修响应流程，增加超时提醒。',
  '对同类设施进行全面排查，建立巡检台账。',
];
export const CORRECTIVE_DONE: readonly string[] = [
  '培训已完成，参训率100%，考核全部合格。',
  '流程已修订并发布执行。',
  '排查完成，发现问题已全部整改并建档。',
];

/** Why a callback left the resident unsatisfied (CALLBACK-3). */
export const UNSATISFIED: readonly string[] = [
  '业主反映维修后问题又出现了。',
  '业主认为处理时间太长，对结果不满意。',
  '业主认为处理不彻底，要求再次上门。',
];

/** Why a department sent a case back (HANDLE-2). */
export const RETURN_REASONS: readonly string[] = [
  '经查看属于公共设施维修，应由工程维修组处理，退回重新分派。',
  '该问题涉及业主间纠纷，需客服中心协调，退回首问责任人。',
  '现场核实后不属于本部门职责范围，请重新分派至相关部门。',
];

/** What the resident is told when a complaint turns out invalid (CLASS-4). */
export const INVALID: readonly string[] = [
  '经核实，所反映噪音来自小区外市政施工，已向业主耐心解释并提供市政投诉渠道。',
  '经核实，该车位属于产权车位，业主对车位使用规定有误解，已当面解释清楚。',
];

/** Why a case was taken a tier up by hand (ESCALATE-2). */
export const ESCALATE_REASONS: readonly string[] = [
  '业主情绪激动，要求主任出面处理。',
  '同一问题已多次反映，需要上级协调资源。',
];

/** Why the director closed a case without a satisfied callback (CALLBACK-4). */
export const DIRECTOR_CLOSE: readonly string[] = [
  '多次回访未能联系上业主，问题已处理完毕，主任审核后结案。',
  '业主对处理结果仍有意见，经主任协调已按规定处理，予以结案。',
];

/** Why a case waits, and why a deadline moves with the resident's agreement (FLOW-3, CLOCK-3). */
export const WAIT_REASONS: readonly string[] = ['等待厂家配件到货。', '需等业主有空时上门，业主本周出差。'];
export const EXTEND_REASONS: readonly string[] = [
  '需更换的配件需厂家定制，业主同意延期。',
  '涉及开发商保修，需等待对方派人，业主同意延期处理。',
];

/** The director's decisions on suggestions (SUGGEST-1) and on referred cases (ESCALATE-3). */
export const ADOPTED: readonly string[] = [
  '采纳建议：下月由绿化组制定方案，报管理处审批后实施，完成后在公告栏公示。',
  '采纳建议：纳入本季度社区活动计划，由客服中心牵头组织。',
  '采纳建议：联系维保单位评估后增设，预计两个月内完成。',
];
export const DECLINED: readonly string[] = [
  '暂不采纳：该区域属于消防通道，不能设置固定设施，已向业主说明。',
  '暂不采纳：需经业主大会表决，已告知业主提议渠道。',
];
export const REFER_REASONS: readonly string[] = [
  '涉及多个部门职责，请主任决定由谁牵头处理。',
  '业主要求物业承担维修费用，需主任决定。',
];
export const HANDLE_NOTES: readonly string[] = ['由工程维修组牵头、客服中心配合，本周内处理完毕。'];
/** A resident asks to meet a leader (HANDLE-6). */
export const MEETING_NOTES: readonly string[] = ['业主要求与主任当面沟通，已约定在服务中心会谈。'];
/** Why an emergency is a special incident (HANDLE-7). */
export const SPECIAL_INCIDENT = '现场有人员受伤，已先行稳定局面并拨打120，按特殊事件立即上报。';

/** Notes staff leave on the timeline. */
export const COMMENTS: readonly string[] = [
  '已电话联系业主，约定明天上午上门。',
  '配件已申领，明早安装。',
  '业主要求处理完后电话告知。',
  '已拍照存档。',
];

/** Why a closed case came back (the resident called again). */
export const REOPEN_REASONS: readonly string[] = ['业主来电反映问题复发，重新处理。'];

/** What a sister or external unit's contact person is told and replies (ROUTE-3, ROUTE-7). */
export const UNIT_NOTES: readonly string[] = ['已电话告知业主姓名、地址、联系方式及问题，对方承诺尽快派人。'];
export const UNIT_FEEDBACK: readonly string[] = [
  '您好，已与相关单位确认，对方已安排人员处理，预计明天恢复，给您带来不便深表歉意。',
];

/** Public places of a community, for `{p}`. */
export const PLACES: readonly string[] = [
  '中心花园',
  '南门广场',
  '儿童游乐区',
  '地下车库',
  '东门岗亭旁',
  '健身步道',
];

/** Root causes and measures of recurring problems reviewed (PROBLEM-2). */
export const PROBLEM_REVIEWS: readonly { rootCause: string; measures: string }[] = [
  {
    rootCause: '设备老化，部分配件已超过使用年限。',
    measures: '列入年度更新计划，先行更换易损件，每周巡检一次并记录。',
  },
  {
    rootCause: '巡查频次不足，问题发现不及时。',
    measures: '调整巡查路线，增加夜间巡查，问题当日闭环。',
  },
  {
    rootCause: '装修管理宣传不到位。',
    measures: '在各单元张贴装修管理规定，装修备案时书面告知施工时间。',
  },
];
