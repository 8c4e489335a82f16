package org.platewatch.edge;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The shift-start check's reference image: a California-style plate drawn here, so that the agent ships no
 * photograph (the shared plate photos may not be bundled) and the check needs no file on the unit. The
 * recognition module reads it as {@value #PLATE} with high confidence; a model that fails to load or reads
 * it wrong fails the check.
 */
final class ReferencePlate {

    static final String PLATE = "7EDG419";

    private ReferencePlate() {}

    static byte[] jpeg() {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(90, 90, 95));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.WHITE);
        g.fillRoundRect(170, 190, 300, 150, 16, 16);
        g.setColor(new Color(20, 40, 120));
        g.setStroke(new BasicStroke(4));
        g.drawRoundRect(172, 192, 296, 146, 16, 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 26));
        g.setColor(new Color(180, 30, 30));
        g.drawString("California", 255, 225);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 74));
        g.setColor(new Color(20, 40, 120));
        g.drawString(PLATE, 185, 310);
        g.dispose();
        return encode(img);
    }

    static byte[] encode(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
