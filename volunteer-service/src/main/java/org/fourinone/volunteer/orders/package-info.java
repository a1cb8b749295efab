/**
 * The volunteer system's part of the order contract. Its order types — the help residents ask of
 * volunteers: 陪同就医, 代买代办 … — and their rules are in {@code order-types.json} beside this package
 * (dispatched to a volunteer or a volunteer team). {@link
 * org.fourinone.volunteer.orders.VolunteerTasks} turns every dispatch to a volunteer, in any
 * system, into the volunteer's task and tells the other systems "志愿者已匹配".
 */
package org.fourinone.volunteer.orders;
