import Foundation

/// Hands values from one producer thread to one consumer thread, holding at most `capacity`:
/// a producer ahead of its consumer waits (backpressure keeps memory bounded). The producer
/// ends with ``close(failure:)``; a consumer that gives up calls ``cancel()``, and the
/// producer's next ``send(_:)`` throws ``Cancelled``.
///
/// The values cross threads: the producer must not touch a value after sending it (the
/// CLIXML reader's objects are complete, and only read, once sent).
final class BoundedChannel<Element>: @unchecked Sendable {
    /// Thrown by ``send(_:)`` once the consumer has given up.
    struct Cancelled: Error {}

    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var closed = false
    private var cancelled = false
    private var failure: (any Error)?
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Waits while the channel is full; throws ``Cancelled`` when the consumer has given up.
    func send(_ element: Element) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity, !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        items.append(element)
        condition.broadcast()
    }

    /// No more values; `failure` is thrown to the consumer after the values sent before it.
    func close(failure: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        self.failure = failure
        condition.broadcast()
    }

    /// The next value, waiting for one; nil when the producer has closed the channel.
    func receive() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count, !closed { condition.wait() }
        if head < items.count {
            let element = items[head]
            head += 1
            if head > 64, head * 2 > items.count {  // drop what was read, now and then
                items.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return element
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer stops: values not read are dropped and the producer's next send throws.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        items = []
        head = 0
        condition.broadcast()
    }
}

/// Runs work on a thread of its own (not the shared pool: it blocks on a ``BoundedChannel``);
/// ``join()`` waits for it to end.
final class WorkerThread: @unchecked Sendable {
    private let ended = DispatchSemaphore(value: 0)
    /// Taken by the thread: what the work captured is released before ``join()`` returns (not
    /// later, while the thread winds down, where a leak checker would see it still held).
    private var work: (() -> Void)?

    /// Starts `work` at once. Whatever it captures is used by that thread only until it ends.
    init(name: String, _ work: @escaping () -> Void) {
        self.work = work
        let thread = Thread { [self] in
            runWork()
            ended.signal()
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func runWork() {
        let work = self.work
        self.work = nil
        work?()
    }

    /// Waits for the work to end (once).
    func join() { ended.wait() }
}
