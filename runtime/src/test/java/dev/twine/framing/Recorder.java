package dev.twine.framing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps a copy of every frame, as ISO-8859-1 text. */
class Recorder implements FrameSink<ByteBuffer> {

    final List<String> frames = new ArrayList<>();

    @Override
    public void onFrame(ByteBuffer frame) {
        // Consumes the frame, so tests also see that the framer puts the input's position back.
        frames.add(Bytes.take(frame));
    }
}
